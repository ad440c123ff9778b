import type { SmokeSpec, SmokeTarget } from "../../gate/smoke/types";
import { SmokeConfigError } from "../../kernel/errors";
import * as z from "../../kernel/validation/zod";

const positiveMs = z.int().check(z.positive());
const text = z.string().check(z.minLength(1));

/**
 * The `smoke` section of readiness.yml, at the top level and as per-service overrides
 * (`services[].smoke`). No defaults here, so a service's override can be merged over the top
 * level; `resolveSmokeSettings` applies the defaults.
 */
export const smokeSettingsSchema = z.strictObject({
  /** Wire protocol of the API under test. */
  protocol: z.optional(z.enum(["http", "grpc"])),
  /** HTTP base URL, or gRPC host:port / grpc:// / grpcs://. */
  endpoint: z.optional(text),
  /** Task input; default a generated `readiness-smoke-…`. */
  input: z.optional(text),
  expect: z.optional(
    z.strictObject({
      /** `reverse-of-input` (default) or the literal `result.output` expected. */
      output: z.optional(text),
      status: z.optional(z.literal("COMPLETED")),
    }),
  ),
  timeouts: z.optional(
    z.strictObject({
      /** One request (default 5000). */
      requestMs: z.optional(positiveMs),
      /** Submit answered → task finished (default 30000). */
      completionMs: z.optional(positiveMs),
    }),
  ),
  poll: z.optional(
    z.strictObject({
      initialMs: z.optional(positiveMs),
      maxMs: z.optional(positiveMs),
      factor: z.optional(z.number().check(z.gte(1))),
    }),
  ),
  /** Submit latency objective in ms (default 100). */
  sloSubmitMs: z.optional(positiveMs),
  /** Extra attempts for an unanswered request before INCONCLUSIVE (default 2). */
  retries: z.optional(z.int().check(z.gte(0), z.lte(10))),
  /** Client TLS: PEM files, or a Secrets Manager secret JSON {cert, key, ca?} (a reference, never the value). */
  tls: z.optional(
    z.strictObject({
      caFile: z.optional(text),
      certFile: z.optional(text),
      keyFile: z.optional(text),
      secretId: z.optional(text),
    }),
  ),
});

export type SmokeSettings = z.output<typeof smokeSettingsSchema>;

/** A config shaped like readiness.yml (only the parts the smoke test reads). */
export interface SmokeConfigSource {
  readonly smoke?: SmokeSettings;
  readonly services: readonly { readonly name?: string; readonly service: string; readonly smoke?: SmokeSettings }[];
}

/** Merges a service's `smoke` over the top-level one (objects field by field). */
export const mergeSmokeSettings = (
  base: SmokeSettings | undefined,
  override: SmokeSettings | undefined,
): SmokeSettings => {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override ?? {})) {
    if (value === undefined) continue;
    const earlier = merged[key];
    merged[key] =
      value && typeof value === "object" && earlier && typeof earlier === "object" ? { ...earlier, ...value } : value;
  }
  return merged as SmokeSettings;
};

/**
 * The smoke target and spec of a service (by `name` or `service`), or of the top level when no
 * service is named. Fails with what is missing and where to add it.
 */
export const resolveSmokeSettings = (
  config: SmokeConfigSource,
  serviceName?: string,
  /** The readiness.yml the settings came from, as shown to the user; `configFile: undefined` when there is none. */
  origin: { readonly configFile: string | undefined } = { configFile: "readiness.yml" },
): { target: SmokeTarget; spec: SmokeSpec } => {
  const { configFile } = origin;
  let settings = config.smoke ?? {};
  let where = "smoke";
  if (serviceName !== undefined) {
    const index = config.services.findIndex((s) => s.name === serviceName || s.service === serviceName);
    if (index < 0)
      throw new SmokeConfigError(
        `no service "${serviceName}" in readiness.yml`,
        undefined,
        `name one of: ${config.services.map((s) => s.name ?? s.service).join(", ") || "(no services listed)"}`,
      );
    settings = mergeSmokeSettings(config.smoke, config.services[index].smoke);
    where = `services[${index}].smoke`;
  }
  const { protocol, endpoint, tls, ...spec } = settings;
  if (!protocol || !endpoint) {
    const missing = !endpoint ? "endpoint" : "protocol";
    // Without a readiness.yml there is nothing to fix in a file: the flag is the only way.
    if (configFile === undefined)
      throw new SmokeConfigError(
        `pass --${missing} (no readiness.yml found)`,
        undefined,
        "e.g. readiness smoke --endpoint http://127.0.0.1:8080, or write a readiness.yml with a smoke section (docs/smoke.md)",
      );
    throw new SmokeConfigError(
      `the smoke test needs ${!endpoint ? "an endpoint" : "a protocol"}`,
      { file: configFile, path: where },
      `set ${where}.${missing} (or pass --${missing})`,
    );
  }
  return { target: { protocol, endpoint, ...(tls ? { tls } : {}) }, spec };
};
