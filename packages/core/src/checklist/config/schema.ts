import * as z from "../../kernel/validation/zod";
import { costSettingsSchema } from "../cost/settings";
import { documentsSchema, launchDateSchema, nameSchema } from "./documents-schema";
import { smokeSettingsSchema } from "./smoke-settings";

export const SERVICE_ROLES = ["api", "worker", "dlq-processor"] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export const serviceSchema = z.strictObject({
  /** Display name used in reports; defaults to `service`. */
  name: z.optional(z.string().check(z.minLength(1))),
  /** ECS cluster name or ARN (live mode); ignored for templates. */
  cluster: z.optional(z.string().check(z.minLength(1))),
  /** ECS service name, ARN, or template logical id. */
  service: z.string().check(z.minLength(1)),
  role: z.enum(SERVICE_ROLES),
  /** Queues (name, URL, ARN or logical id) this service consumes: a dlq-processor's DLQ counts as consumed. */
  consumes: z._default(z.array(z.string().check(z.minLength(1))), []),
  /** Smoke test settings for this service, merged over the top-level `smoke` (docs/smoke.md). */
  smoke: z.optional(smokeSettingsSchema),
  /**
   * Post-deploy gate: also smoke-test while a deployment is IN_PROGRESS and stop it with an ECS
   * rollback on failure (docs/gate.md). Default false: only completed deployments are tested.
   */
  earlyCheck: z.optional(z.boolean()),
  /** The owning team: its alerts must carry `team=<team>` and be routed on it (alert-routing). */
  team: z.optional(nameSchema),
  /** The `job` label of the service's Prometheus series (golden-signals); default: its name. */
  metricsJob: z.optional(nameSchema),
  /** This service's documents: each key given here replaces the top-level `documents` key. */
  documents: z.optional(documentsSchema),
});

/** The parameters of one item as written under `rules.<item-id>`. */
export type RuleParamsInput = Readonly<Record<string, unknown>>;

/** readiness.yml's shape, with `rules` as given: each item's parameters are checked where the catalogue is loaded. */
const configSchemaWith = <Rules extends z.ZodMiniType>(rules: Rules) =>
  z.strictObject({
    version: z.literal(1),
    /** The services in scope. Empty: every ECS service found is in scope and roles are inferred from names. */
    services: z._default(z.array(serviceSchema), []),
    /** Rule parameters per checklist item id (see `readiness items --params`). */
    rules,
    /** The post-deploy smoke test (docs/smoke.md); services may override it. */
    smoke: z.optional(smokeSettingsSchema),
    /** Assumptions of `readiness cost` (docs/cost.md). */
    cost: z.optional(costSettingsSchema),
    /** Where the team's documents are, relative to this file's folder (docs/documents.md). */
    documents: z.optional(documentsSchema),
    /** Launch day, YYYY-MM-DD: the on-call rotation must name a primary for all of it. */
    launchDate: z.optional(launchDateSchema),
  });

/**
 * readiness.yml as the Lambda functions read it: the stack validated the file at synth (full-schema.ts,
 * with every item's parameter schema), so `rules` is taken as it is. Validating it here would import
 * every item's declaration, and with them every rule, into each function's cold start.
 */
export const readinessConfigSchema = configSchemaWith(
  z._default(z.record(z.string(), z.record(z.string(), z.unknown())), {}),
);

/** The same file with `rules` validated against a given set of item parameter schemas (see full-schema.ts). */
export const configSchemaWithRuleParams = (params: Readonly<Record<string, z.ZodMiniType>>) =>
  configSchemaWith(
    z._default(
      z.strictObject(Object.fromEntries(Object.entries(params).map(([id, schema]) => [id, z.optional(schema)]))),
      {},
    ),
  );

export type ServiceConfig = z.output<typeof serviceSchema>;
export type ReadinessConfig = z.output<typeof readinessConfigSchema>;

export { DEFAULT_CONFIG } from "./default-config";
