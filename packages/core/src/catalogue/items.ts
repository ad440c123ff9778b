import type { EvaluationKind } from "../model/finding";
import { type ItemParamSchemas, itemParams } from "./params";

export type Section = "Reliability" | "Security" | "Observability" | "Operations";
export type Severity = "critical" | "high" | "medium" | "low";
export type ItemId = keyof ItemParamSchemas;

export interface ChecklistItem<Id extends ItemId = ItemId> {
  /** Stable kebab-case id: Config rule names, JSON output and SARIF rule ids use it. */
  readonly id: Id;
  readonly section: Section;
  /** The users' own words, verbatim from CHECKLIST.md. */
  readonly title: string;
  readonly kinds: readonly EvaluationKind[];
  readonly severity: Severity;
  /** What decides the item, in one sentence (CHECKLIST.md's last column). */
  readonly decidedBy: string;
  /** How to fix a failure. */
  readonly remediation: string;
  /**
   * For each non-config kind: what is needed to decide it, shown as the reason while it is not
   * decided (e.g. "needs evidence: no load test recorded").
   */
  readonly needs: Partial<Record<Exclude<EvaluationKind, "config">, string>>;
  readonly params: ItemParamSchemas[Id];
}

const item = <Id extends ItemId>(spec: Omit<ChecklistItem<Id>, "params">): ChecklistItem<Id> => ({
  ...spec,
  params: itemParams[spec.id],
});

/** The 30 items of the production readiness checklist, in the checklist's order. */
export const CHECKLIST: readonly ChecklistItem[] = [
  item({
    id: "slo-defined",
    section: "Reliability",
    title: "SLOs defined and documented (availability 99.9%, submit P99 < 100ms)",
    kinds: ["document"],
    severity: "high",
    decidedBy: "SLO file declares availability ≥ 99.9% and a submit latency objective with P99 ≤ 100 ms",
    remediation: "Write an SLO file (OpenSLO or Sloth) with an availability objective ≥ 99.9% and a submit P99 objective ≤ 100 ms, and keep it in the service's repository. readiness does not read SLO documents yet, so this item stays undecided (?) until it does.",
    needs: { document: "needs document: no SLO file published" },
  }),
  item({
    id: "failure-modes-alerted",
    section: "Reliability",
    title: "All failure modes from architecture review have alert coverage",
    kinds: ["document"],
    severity: "high",
    decidedBy: "every failure mode in the manifest maps to at least one alert that exists in the alert rules",
    remediation: "List the failure modes from the architecture review in the failure-mode manifest and map each to an alert rule that exists.",
    needs: { document: "needs document: no failure-mode manifest and alert rules published" },
  }),
  item({
    id: "graceful-shutdown",
    section: "Reliability",
    title: "Graceful shutdown: workers drain in-flight tasks on SIGTERM",
    kinds: ["config", "evidence"],
    severity: "high",
    decidedBy: "worker containers have stopTimeout ≥ the drain time; API target groups have a deregistration delay; a drain drill is recorded",
    remediation: "Set `StopTimeout` on worker containers to at least the drain time (max 120 s on Fargate) and `deregistration_delay.timeout_seconds` on the API target group. The evidence part needs a drain drill: SIGTERM a worker during in-flight work and confirm nothing is lost and it exits within its stop timeout. readiness cannot record that drill yet, so the item stays undecided (?) even when the configuration passes.",
    needs: { evidence: "needs evidence: no drain drill recorded" },
  }),
  item({
    id: "idempotent-writes",
    section: "Reliability",
    title: "Idempotency: all write operations are safe to retry",
    kinds: ["probe"],
    severity: "high",
    decidedBy: "the smoke test replays the submit with the same idempotency key and gets the same task, and exactly one task exists",
    remediation: "Store the Idempotency-Key of each submit and return the existing task for a replayed key instead of creating a second one.",
    needs: { probe: "needs probe: no smoke run with an idempotent replay recorded" },
  }),
  item({
    id: "dlq-coverage",
    section: "Reliability",
    title: "DLQ exists for all SQS queues; DLQ processor deployed",
    kinds: ["config"],
    severity: "high",
    decidedBy: "every source queue redrives to an existing DLQ with retention ≥ the source's, and every DLQ has a consumer",
    remediation: "Give every source queue a `RedrivePolicy` to a DLQ whose `MessageRetentionPeriod` is at least the source's, and deploy a DLQ processor (a Lambda event source mapping or a dlq-processor service) for every DLQ.",
    needs: {},
  }),
  item({
    id: "load-tested",
    section: "Reliability",
    title: "Load tested at 500 req/s; SLOs met",
    kinds: ["evidence"],
    severity: "medium",
    decidedBy: "a load-test record against the deployed revision at ≥ 500 req/s with error rate and P99 inside the SLO",
    remediation: "Load-test the deployed revision at a constant arrival rate of 500 req/s (open model, e.g. k6's constant-arrival-rate executor) and compare the error rate and P99 with the SLO. readiness cannot record a load test yet, so this item stays undecided (?).",
    needs: { evidence: "needs evidence: no load test recorded" },
  }),
  item({
    id: "failure-injection",
    section: "Reliability",
    title: "Failure injection tested; worker crash recovery verified",
    kinds: ["evidence"],
    severity: "medium",
    decidedBy: "a crash drill record: a worker task stopped with tasks in flight, and every task still completed",
    remediation: "Stop a worker task while tasks are in flight (ECS StopTask) and confirm every submitted task still completes exactly once. readiness cannot record that drill yet, so this item stays undecided (?).",
    needs: { evidence: "needs evidence: no crash drill recorded" },
  }),
  item({
    id: "dynamodb-capacity",
    section: "Reliability",
    title: "DynamoDB on-demand or provisioned with auto-scaling enabled",
    kinds: ["config"],
    severity: "medium",
    decidedBy: "every table and GSI is PAY_PER_REQUEST, or has read and write scalable targets with a scaling policy",
    remediation: "Set `BillingMode: PAY_PER_REQUEST`, or register read and write scalable targets with target-tracking policies for the table and every GSI.",
    needs: {},
  }),
  item({
    id: "ecs-multi-az",
    section: "Reliability",
    title: "ECS service multi-AZ: tasks spread across AZ-A and AZ-B",
    kinds: ["config"],
    severity: "high",
    decidedBy:
      "service subnets span ≥ 2 AZs, desired count ≥ 2 (with auto scaling: the scalable target's `MinCapacity` ≥ 2, whatever the desired count), and (live) running tasks are in ≥ 2 AZs",
    remediation:
      "Place the service in subnets of at least two Availability Zones and set `DesiredCount` to at least 2; with auto scaling, set the scalable target's `MinCapacity` to at least 2.",
    needs: {},
  }),
  item({
    id: "no-env-secrets",
    section: "Security",
    title: "No secrets in task definition environment variables (Secrets Manager)",
    kinds: ["config"],
    severity: "critical",
    decidedBy:
      "no environment variable whose name or value looks like a credential, or whose value comes from a NoEcho parameter; secrets come from secrets[].valueFrom; environmentFiles flagged",
    remediation: "Move credentials to Secrets Manager (or SSM SecureString) and reference them with `Secrets[].ValueFrom`; rotate any credential that was in an environment variable; replace `EnvironmentFiles` with `Secrets`.",
    needs: {},
  }),
  item({
    id: "iam-least-privilege",
    section: "Security",
    title: "IAM task roles: least privilege verified with simulate-principal-policy",
    kinds: ["config", "probe"],
    severity: "critical",
    decidedBy: "task role policies have no `*` actions, no `*` resources on write actions, no admin managed policies; SimulatePrincipalPolicy denies the must-deny set and allows the must-allow set",
    remediation: "Scope each task role's statements to the actions and resource ARNs the service uses; remove AdministratorAccess/*FullAccess managed policies.",
    needs: { probe: "needs probe: SimulatePrincipalPolicy has not been run against the task roles" },
  }),
  item({
    id: "private-subnets",
    section: "Security",
    title: "VPC: API and Worker in private subnets; ALB in public subnet only",
    kinds: ["config"],
    severity: "critical",
    decidedBy: "services have assignPublicIp DISABLED and subnets with no route to an internet gateway; internet-facing load balancers only in public subnets",
    remediation: "Run services in private subnets (no 0.0.0.0/0 route to an internet gateway; use a NAT gateway or VPC endpoints) with `AssignPublicIp: DISABLED`; put internet-facing load balancers in public subnets only.",
    needs: {},
  }),
  item({
    id: "sg-alb-only",
    section: "Security",
    title: "Security groups: tasks only accept traffic from ALB SG (not 0.0.0.0/0)",
    kinds: ["config"],
    severity: "critical",
    decidedBy: "every ingress rule of a task security group references the ALB's security group; no CIDR ranges",
    remediation: "Replace CIDR ingress rules on task security groups with rules whose source is the load balancer's security group (`SourceSecurityGroupId`).",
    needs: {},
  }),
  item({
    id: "mtls",
    section: "Security",
    title: "mTLS between gRPC clients and API service",
    kinds: ["config", "probe"],
    severity: "high",
    decidedBy: "the API listener requires client certificates (mutual authentication verify with a trust store, or the service's own TLS declared); probe: a handshake without a client certificate is refused",
    remediation: "Set the API listener's `MutualAuthentication` to `Mode: verify` with a trust store (HTTPS listener), or declare the service's own mTLS in readiness.yml.",
    needs: { probe: "needs probe: no TLS handshake probe recorded" },
  }),
  item({
    id: "container-hardening",
    section: "Security",
    title: "Container: read-only root filesystem; non-root user; drop ALL capabilities",
    kinds: ["config"],
    severity: "high",
    decidedBy: "every container: ReadonlyRootFilesystem explicitly true, User set and not root, Capabilities.Drop contains ALL, not privileged",
    remediation: "On every container set `ReadonlyRootFilesystem: true`, `User` to a non-root uid (e.g. `1000:1000`), `LinuxParameters.Capabilities.Drop: [ALL]`, and never `Privileged: true`.",
    needs: {},
  }),
  item({
    id: "image-provenance",
    section: "Security",
    title: "ECR: image scanning on push; no latest tag in production task definitions",
    kinds: ["config"],
    severity: "high",
    decidedBy:
      "repositories scan on push (or registry scanning covers them), the repository of every private ECR image included; every image is pinned by digest or an explicit tag other than latest",
    remediation: "Enable `ImageScanningConfiguration.ScanOnPush` on every repository and reference images by digest (`@sha256:…`) or an immutable version tag, never `latest` or no tag.",
    needs: {},
  }),
  item({
    id: "vpc-flow-logs",
    section: "Security",
    title: "VPC flow logs enabled for post-incident network forensics",
    kinds: ["config"],
    severity: "medium",
    decidedBy: "every in-scope VPC has an active flow log",
    remediation: "Add an `AWS::EC2::FlowLog` for each VPC (`ResourceType: VPC`, `TrafficType: ALL`) to CloudWatch Logs or S3.",
    needs: {},
  }),
  item({
    id: "traces-exported",
    section: "Observability",
    title: "Traces: all three services emit spans to OTel Collector → Tempo",
    kinds: ["config"],
    severity: "medium",
    decidedBy: "API, Worker and DLQ processor each have an OTLP exporter (collector sidecar or OTEL_EXPORTER_OTLP_ENDPOINT) and the collector exports to Tempo",
    remediation: "Add an OpenTelemetry Collector sidecar (or set `OTEL_EXPORTER_OTLP_ENDPOINT`) to every service's task definition and configure the collector with an OTLP exporter to Tempo.",
    needs: {},
  }),
  item({
    id: "trace-id-in-logs",
    section: "Observability",
    title: "trace_id present in every log line",
    kinds: ["probe"],
    severity: "medium",
    decidedBy: "sampled recent log lines of every service carry a trace id (default threshold 99%)",
    remediation: "Add the active trace id to every log line (e.g. a logger mixin reading the OpenTelemetry context).",
    needs: { probe: "needs probe: no log lines sampled" },
  }),
  item({
    id: "golden-signals",
    section: "Observability",
    title: "Metrics: four golden signals + SQS queue depth + DLQ depth",
    kinds: ["document", "config"],
    severity: "medium",
    decidedBy: "latency, traffic, errors and saturation are recorded for the API and Worker; queue depth and DLQ depth are measured for every queue",
    remediation: "Add CloudWatch alarms (or recording rules) on ApproximateNumberOfMessagesVisible for every queue and DLQ, and record latency, traffic, errors and saturation for the API and Worker.",
    needs: { document: "needs document: no metrics/recording rules published for latency, traffic, errors and saturation" },
  }),
  item({
    id: "slo-recording-rules",
    section: "Observability",
    title: "SLO recording rules deployed; error budget panel in Grafana",
    kinds: ["document"],
    severity: "medium",
    decidedBy: "Prometheus rule files contain recording rules for each SLO; a Grafana dashboard has an error budget panel using them",
    remediation: "Add SLO recording rules for each SLO and an error-budget panel in the Grafana dashboard that uses them.",
    needs: { document: "needs document: no Prometheus rules and Grafana dashboard published" },
  }),
  item({
    id: "alerts-defined",
    section: "Observability",
    title: "Alerts: HighErrorRate, HighLatencyP99, FastBudgetBurn, QueueDepthHigh, ScrapeTargetDown",
    kinds: ["document"],
    severity: "high",
    decidedBy: "each named alert exists with a valid expression, `for`, and a severity label",
    remediation: "Define the five alerts in the Prometheus rule files with an expression, a `for` duration and a `severity` label.",
    needs: { document: "needs document: no Prometheus alert rules published" },
  }),
  item({
    id: "runbooks",
    section: "Observability",
    title: "Runbooks written for top 3 alert scenarios",
    kinds: ["document"],
    severity: "medium",
    decidedBy: "the top three alerts carry a runbook_url annotation that resolves to a non-empty runbook with the required sections",
    remediation: "Write runbooks for the top three alerts and link them with a `runbook_url` annotation.",
    needs: { document: "needs document: no alert rules with runbook_url and runbooks published" },
  }),
  item({
    id: "alert-routing",
    section: "Observability",
    title: "Alert routing to correct team/channel in Alertmanager",
    kinds: ["document"],
    severity: "medium",
    decidedBy: "simulating the Alertmanager routing tree, every alert reaches a real receiver of the owning team",
    remediation: "Add Alertmanager routes so that every alert reaches the owning team's receiver, never the default or null receiver.",
    needs: { document: "needs document: no Alertmanager configuration published" },
  }),
  item({
    id: "cicd-gate",
    section: "Operations",
    title: "CI/CD pipeline: PR gate + rolling deploy on main merge",
    kinds: ["document", "config"],
    severity: "high",
    decidedBy: "CI runs tests on pull requests and deploys on main; ECS services use rolling deployments with the circuit breaker (rollback on) or a lifecycle-hook strategy",
    remediation: "Enable `DeploymentConfiguration.DeploymentCircuitBreaker` with `Enable: true, Rollback: true` (ECS rolling deployments), or use a blue/green strategy with lifecycle hooks; gate pull requests on tests and deploy on merge to main.",
    needs: { document: "needs document: no CI workflow published" },
  }),
  item({
    id: "rollback-tested",
    section: "Operations",
    title: "Rollback procedure documented and tested",
    kinds: ["document", "evidence"],
    severity: "high",
    decidedBy: "a rollback runbook exists and a rollback (drill or automatic) was recorded within the validity window",
    remediation: "Write a rollback runbook and record a rollback drill (or let the post-deploy gate record an automatic rollback).",
    needs: { document: "needs document: no rollback runbook published", evidence: "needs evidence: no rollback recorded" },
  }),
  item({
    id: "log-retention",
    section: "Operations",
    title: "Log retention: CloudWatch log group retention set (not unlimited)",
    kinds: ["config"],
    severity: "medium",
    decidedBy: "every log group of the services has RetentionInDays set (never-expire is not compliant)",
    remediation: "Set `RetentionInDays` on every log group the services write to (e.g. 30); never leave it unset (never expire).",
    needs: {},
  }),
  item({
    id: "cost-estimate",
    section: "Operations",
    title: "Cost estimate documented: ECS, DynamoDB, SQS, ALB, CloudWatch",
    kinds: ["document"],
    severity: "low",
    decidedBy: "a cost estimate covering ECS, DynamoDB, SQS, ALB and CloudWatch exists",
    remediation: "Publish a cost estimate covering ECS, DynamoDB, SQS, ALB and CloudWatch.",
    needs: { document: "needs document: no cost estimate published" },
  }),
  item({
    id: "oncall",
    section: "Operations",
    title: "Oncall rotation defined; who is the primary on Day 1?",
    kinds: ["document"],
    severity: "medium",
    decidedBy: "an on-call rotation is defined and names a primary for launch day and for today",
    remediation: "Publish the on-call rotation with a primary for launch day and for every day after.",
    needs: { document: "needs document: no on-call rotation published" },
  }),
  item({
    id: "post-deploy-smoke",
    section: "Operations",
    title: "Post-deploy smoke test: submit a task, wait for completion, verify",
    kinds: ["evidence"],
    severity: "critical",
    decidedBy: "the revision each service runs now has a passing smoke run recorded",
    remediation: "Deploy the readiness gate so every deployment is smoke-tested, or run `readiness smoke` against the running revision.",
    needs: { evidence: "needs evidence: no smoke run recorded for the running revision" },
  }),
];

export const ITEM_IDS = CHECKLIST.map((i) => i.id);

const byId = new Map<string, ChecklistItem>(CHECKLIST.map((i) => [i.id, i]));

export const isItemId = (value: string): value is ItemId => byId.has(value);

export const itemById = (id: ItemId): ChecklistItem => {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown checklist item ${id}`);
  return found;
};

export const SECTIONS: readonly Section[] = ["Reliability", "Security", "Observability", "Operations"];
