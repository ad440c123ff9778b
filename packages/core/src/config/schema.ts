import { z } from "zod";
import { itemParams } from "../catalogue/params";
import { smokeSettingsSchema } from "../smoke/settings";

export const SERVICE_ROLES = ["api", "worker", "dlq-processor"] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export const serviceSchema = z.strictObject({
  /** Display name used in reports; defaults to `service`. */
  name: z.string().min(1).optional(),
  /** ECS cluster name or ARN (live mode); ignored for templates. */
  cluster: z.string().min(1).optional(),
  /** ECS service name, ARN, or template logical id. */
  service: z.string().min(1),
  role: z.enum(SERVICE_ROLES),
  /** Queues (name, URL, ARN or logical id) this service consumes: a dlq-processor's DLQ counts as consumed. */
  consumes: z.array(z.string().min(1)).default([]),
  /** Smoke test settings for this service, merged over the top-level `smoke` (docs/smoke.md). */
  smoke: smokeSettingsSchema.optional(),
  /**
   * Post-deploy gate: also smoke-test while a deployment is IN_PROGRESS and stop it with an ECS
   * rollback on failure (docs/gate.md). Default false: only completed deployments are tested.
   */
  earlyCheck: z.boolean().optional(),
});

const rulesSchema = z
  .strictObject(Object.fromEntries(Object.entries(itemParams).map(([id, schema]) => [id, schema.optional()])))
  .default({});

export const readinessConfigSchema = z.strictObject({
  version: z.literal(1),
  /** The services in scope. Empty: every ECS service found is in scope and roles are inferred from names. */
  services: z.array(serviceSchema).default([]),
  /** Rule parameters per checklist item id (see `readiness items --params`). */
  rules: rulesSchema,
  /** The post-deploy smoke test (docs/smoke.md); services may override it. */
  smoke: smokeSettingsSchema.optional(),
});

export type ServiceConfig = z.output<typeof serviceSchema>;
export type ReadinessConfig = z.output<typeof readinessConfigSchema>;

export const DEFAULT_CONFIG: ReadinessConfig = readinessConfigSchema.parse({ version: 1 });
