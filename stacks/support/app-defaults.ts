import type { App } from "sst/constructs";
import { sdkLoadedWithRequire } from "./esbuild-sdk-require";
import { isEphemeralStage } from "./stage";

/** How long Lambda logs are kept: long enough to investigate an incident, never "never expire". */
export const FUNCTION_LOG_RETENTION = "one_month" as const;

/**
 * Defaults every function of the app gets (sst.config.ts and the stack tests both apply them, so
 * the tests see what is deployed). `@aws-sdk/*` stays out of the bundles: the nodejs22.x runtime
 * provides SDK v3, which keeps bundles small and cold starts short; so do code splitting and
 * loading the runtime's SDK with `require()` (see esbuild-sdk-require.ts). zod is `zod/mini`
 * (packages/core/src/kernel/validation/zod.ts; Biome refuses classic zod in packages/ and stacks/).
 */
export const applyAppDefaults = (app: App): void => {
  app.setDefaultFunctionProps({
    runtime: "nodejs22.x",
    architecture: "arm_64",
    // Code splitting (ESM only): what a function imports with `import()` (the gRPC smoke transport)
    // goes to chunks of its own, loaded when first used rather than at every cold start.
    nodejs: {
      format: "esm",
      minify: true,
      splitting: true,
      esbuild: { external: ["@aws-sdk/*"], plugins: [sdkLoadedWithRequire] },
    },
    tracing: "active",
    logRetention: FUNCTION_LOG_RETENTION,
    environment: { POWERTOOLS_SERVICE_NAME: "readiness" },
  });
  // Ephemeral stages are removed whole; the rest keep their data (tables also set RETAIN themselves).
  if (isEphemeralStage(app.stage)) app.setDefaultRemovalPolicy("destroy");
};
