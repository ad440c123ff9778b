import * as z from "../validation/zod";

/**
 * Rule parameters per checklist item, with defaults. readiness.yml's `rules:` section overrides
 * them; the same values become the Config rules' input parameters.
 */
const evidenceWindow = { validityDays: z._default(z.int().check(z.positive()), 30) };

/** An IAM action as SimulatePrincipalPolicy takes it: `service:Action` (3–128 characters). */
const iamActionName = z.string().check(
  z.maxLength(128),
  z.regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, {
    error: (issue) =>
      `"${String(issue.input)}" is not an IAM action: write the service prefix, a colon and the action (e.g. s3:DeleteBucket)`,
  }),
);

export const itemParams = {
  "slo-defined": z.strictObject({
    minAvailabilityPercent: z._default(z.number().check(z.gte(0), z.lte(100)), 99.9),
    maxSubmitP99Ms: z._default(z.number().check(z.positive()), 100),
    /** The word that marks the submit operation's latency objective: in its names, description or queries (any case). */
    submitKeyword: z._default(z.string().check(z.minLength(1)), "submit"),
  }),
  "failure-modes-alerted": z.strictObject({}),
  "graceful-shutdown": z.strictObject({
    /** Seconds a worker needs to drain its in-flight tasks; stopTimeout must be at least this. */
    drainSeconds: z._default(z.int().check(z.positive(), z.lte(120)), 30),
    /** Target-group deregistration delay the API needs so in-flight requests finish (≥ this, seconds). */
    minDeregistrationDelaySeconds: z._default(z.int().check(z.nonnegative()), 5),
    ...evidenceWindow,
  }),
  "idempotent-writes": z.strictObject({}),
  "dlq-coverage": z.strictObject({}),
  "load-tested": z.strictObject({
    minRequestsPerSecond: z._default(z.number().check(z.positive()), 500),
    ...evidenceWindow,
  }),
  "failure-injection": z.strictObject({ ...evidenceWindow }),
  "dynamodb-capacity": z.strictObject({}),
  "ecs-multi-az": z.strictObject({
    minAvailabilityZones: z._default(z.int().check(z.gte(2)), 2),
    minDesiredCount: z._default(z.int().check(z.gte(1)), 2),
  }),
  "no-env-secrets": z.strictObject({
    /** Shannon entropy (bits per character) above which a long value is treated as a secret. */
    entropyThreshold: z._default(z.number().check(z.positive()), 4.0),
    /** Minimum length of a value before entropy is considered. */
    minEntropyLength: z._default(z.int().check(z.positive()), 20),
    /** Variable names never flagged (exact match), for known false positives. */
    allowNames: z._default(z.array(z.string()), []),
  }),
  "iam-least-privilege": z
    .strictObject({
      /**
       * Actions every task role must be denied (probe part, SimulatePrincipalPolicy). The simulator
       * evaluates each name as one request, so a wildcard (`iam:*`) is only "allowed" where a policy
       * grants that wildcard itself: name the concrete actions that matter.
       */
      mustDeny: z._default(z.array(iamActionName), [
        "iam:PassRole",
        "iam:CreateAccessKey",
        "iam:AttachRolePolicy",
        "iam:PutRolePolicy",
        "sts:AssumeRole",
        "s3:DeleteBucket",
        "dynamodb:DeleteTable",
        "sqs:DeleteQueue",
      ]),
      /** Actions every task role must be allowed (probe part). */
      mustAllow: z._default(z.array(iamActionName), []),
    })
    .check(
      z.superRefine((params, ctx) => {
        // One action cannot be both denied and allowed: the probe would fail every role whatever it grants.
        const denied = new Set(params.mustDeny.map((a) => a.toLowerCase()));
        params.mustAllow.forEach((action, index) => {
          if (denied.has(action.toLowerCase()))
            ctx.addIssue({
              code: "custom",
              path: ["mustAllow", index],
              message: `"${action}" is in both mustDeny and mustAllow; keep it in one of them`,
            });
        });
      }),
    ),
  "private-subnets": z.strictObject({}),
  "sg-alb-only": z.strictObject({}),
  mtls: z.strictObject({}),
  "container-hardening": z.strictObject({
    /** Container names exempt from the checks (e.g. a vendor sidecar you cannot change); each exemption is reported. */
    exemptContainers: z._default(z.array(z.string()), []),
  }),
  "image-provenance": z.strictObject({}),
  "vpc-flow-logs": z.strictObject({}),
  "traces-exported": z.strictObject({
    /** Substring that identifies the Tempo exporter in the collector configuration. */
    tempoEndpointPattern: z._default(z.string(), "tempo"),
  }),
  "trace-id-in-logs": z.strictObject({ minShare: z._default(z.number().check(z.gte(0), z.lte(1)), 0.99) }),
  "golden-signals": z.strictObject({}),
  "slo-recording-rules": z.strictObject({}),
  "alerts-defined": z.strictObject({
    requiredAlerts: z._default(z.array(z.string()), [
      "HighErrorRate",
      "HighLatencyP99",
      "FastBudgetBurn",
      "QueueDepthHigh",
      "ScrapeTargetDown",
    ]),
  }),
  runbooks: z.strictObject({
    topAlerts: z._default(z.int().check(z.positive()), 3),
    /** Markdown headings every runbook must have, matched case-insensitively; none may be empty. */
    requiredSections: z._default(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), [
      "Symptoms",
      "Diagnosis",
      "Mitigation",
      "Escalation",
    ]),
  }),
  "alert-routing": z.strictObject({}),
  "cicd-gate": z.strictObject({
    /** The branch whose pushes deploy and that pull requests target. */
    mainBranch: z._default(z.string().check(z.minLength(1)), "main"),
  }),
  "rollback-tested": z.strictObject({ ...evidenceWindow }),
  "log-retention": z.strictObject({
    /** Retention shorter than this is too short for incident forensics. */
    minRetentionDays: z._default(z.int().check(z.positive()), 7),
  }),
  "cost-estimate": z.strictObject({
    /** Days a cost estimate (`readiness cost`) stays valid: prices and the platform drift. */
    validityDays: z._default(z.int().check(z.positive()), 90),
  }),
  oncall: z.strictObject({}),
  "post-deploy-smoke": z.strictObject({ ...evidenceWindow }),
} as const;

export type ItemParamSchemas = typeof itemParams;
export type ParamsOf<Id extends keyof ItemParamSchemas> = z.output<ItemParamSchemas[Id]>;

/** Defaults of every item's parameters. */
export const defaultParams = <Id extends keyof ItemParamSchemas>(id: Id): ParamsOf<Id> =>
  itemParams[id].parse({}) as ParamsOf<Id>;
