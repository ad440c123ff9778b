import { z } from "zod";

/**
 * Rule parameters per checklist item, with defaults. readiness.yml's `rules:` section overrides
 * them; the same values become the Config rules' input parameters.
 */
const evidenceWindow = { validityDays: z.number().int().positive().default(30) };

export const itemParams = {
  "slo-defined": z.strictObject({
    minAvailabilityPercent: z.number().min(0).max(100).default(99.9),
    maxSubmitP99Ms: z.number().positive().default(100),
  }),
  "failure-modes-alerted": z.strictObject({}),
  "graceful-shutdown": z.strictObject({
    /** Seconds a worker needs to drain its in-flight tasks; stopTimeout must be at least this. */
    drainSeconds: z.number().int().positive().max(120).default(30),
    /** Target-group deregistration delay the API needs so in-flight requests finish (≥ this, seconds). */
    minDeregistrationDelaySeconds: z.number().int().nonnegative().default(5),
    ...evidenceWindow,
  }),
  "idempotent-writes": z.strictObject({}),
  "dlq-coverage": z.strictObject({}),
  "load-tested": z.strictObject({ minRequestsPerSecond: z.number().positive().default(500), ...evidenceWindow }),
  "failure-injection": z.strictObject({ ...evidenceWindow }),
  "dynamodb-capacity": z.strictObject({}),
  "ecs-multi-az": z.strictObject({
    minAvailabilityZones: z.number().int().min(2).default(2),
    minDesiredCount: z.number().int().min(1).default(2),
  }),
  "no-env-secrets": z.strictObject({
    /** Shannon entropy (bits per character) above which a long value is treated as a secret. */
    entropyThreshold: z.number().positive().default(4.0),
    /** Minimum length of a value before entropy is considered. */
    minEntropyLength: z.number().int().positive().default(20),
    /** Variable names never flagged (exact match), for known false positives. */
    allowNames: z.array(z.string()).default([]),
  }),
  "iam-least-privilege": z.strictObject({
    /** Actions every task role must be denied (probe part, SimulatePrincipalPolicy). */
    mustDeny: z.array(z.string()).default(["iam:*", "sts:AssumeRole", "s3:DeleteBucket", "dynamodb:DeleteTable"]),
    /** Actions the task roles must be allowed (probe part); per service in readiness.yml. */
    mustAllow: z.array(z.string()).default([]),
  }),
  "private-subnets": z.strictObject({}),
  "sg-alb-only": z.strictObject({}),
  mtls: z.strictObject({}),
  "container-hardening": z.strictObject({
    /** Container names exempt from the checks (e.g. a vendor sidecar you cannot change); each exemption is reported. */
    exemptContainers: z.array(z.string()).default([]),
  }),
  "image-provenance": z.strictObject({}),
  "vpc-flow-logs": z.strictObject({}),
  "traces-exported": z.strictObject({
    /** Substring that identifies the Tempo exporter in the collector configuration. */
    tempoEndpointPattern: z.string().default("tempo"),
  }),
  "trace-id-in-logs": z.strictObject({ minShare: z.number().min(0).max(1).default(0.99) }),
  "golden-signals": z.strictObject({}),
  "slo-recording-rules": z.strictObject({}),
  "alerts-defined": z.strictObject({
    requiredAlerts: z
      .array(z.string())
      .default(["HighErrorRate", "HighLatencyP99", "FastBudgetBurn", "QueueDepthHigh", "ScrapeTargetDown"]),
  }),
  runbooks: z.strictObject({ topAlerts: z.number().int().positive().default(3) }),
  "alert-routing": z.strictObject({}),
  "cicd-gate": z.strictObject({}),
  "rollback-tested": z.strictObject({ ...evidenceWindow }),
  "log-retention": z.strictObject({
    /** Retention shorter than this is too short for incident forensics. */
    minRetentionDays: z.number().int().positive().default(7),
  }),
  "cost-estimate": z.strictObject({}),
  oncall: z.strictObject({}),
  "post-deploy-smoke": z.strictObject({ ...evidenceWindow }),
} as const;

export type ItemParamSchemas = typeof itemParams;
export type ParamsOf<Id extends keyof ItemParamSchemas> = z.output<ItemParamSchemas[Id]>;

/** Defaults of every item's parameters. */
export const defaultParams = <Id extends keyof ItemParamSchemas>(id: Id): ParamsOf<Id> =>
  itemParams[id].parse({}) as ParamsOf<Id>;
