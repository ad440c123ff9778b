import type { App } from "sst/constructs";
import { zodEnglishLocaleOnly } from "./esbuild-zod-locales";
import { isEphemeralStage } from "./stage";

/** How long Lambda logs are kept: long enough to investigate an incident, never "never expire". */
export const FUNCTION_LOG_RETENTION = "one_month" as const;

/**
 * Defaults every function of the app gets (sst.config.ts and the stack tests both apply them, so
 * the tests see what is deployed). `@aws-sdk/*` stays out of the bundles: the nodejs22.x runtime
 * provides SDK v3, which keeps bundles small and cold starts short; so does zod with its English
 * messages only.
 */
export const applyAppDefaults = (app: App): void => {
  app.setDefaultFunctionProps({
    runtime: "nodejs22.x",
    architecture: "arm_64",
    nodejs: { format: "esm", minify: true, esbuild: { external: ["@aws-sdk/*"], plugins: [zodEnglishLocaleOnly] } },
    tracing: "active",
    logRetention: FUNCTION_LOG_RETENTION,
    environment: { POWERTOOLS_SERVICE_NAME: "readiness" },
  });
  // Ephemeral stages are removed whole; the rest keep their data (tables also set RETAIN themselves).
  if (isEphemeralStage(app.stage)) app.setDefaultRemovalPolicy("destroy");
};
