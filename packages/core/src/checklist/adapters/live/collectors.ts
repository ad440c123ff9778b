import type { LiveClients } from "./clients";
import { api as alarmsApi } from "./alarms.api";
import { api as autoScalingApi } from "./auto-scaling.api";
import { api as dynamodbApi } from "./dynamodb.api";
import { api as ecrApi } from "./ecr.api";
import { api as ecsApi } from "./ecs.api";
import { api as elbv2Api } from "./elbv2.api";
import { api as eventsApi } from "./events.api";
import { api as flowLogsApi } from "./flow-logs.api";
import { api as iamApi } from "./iam.api";
import { api as lambdaApi } from "./lambda.api";
import { api as logsApi } from "./logs.api";
import { api as networkApi } from "./network.api";
import { api as secretsApi } from "./secrets.api";
import { api as securityGroupsApi } from "./security-groups.api";
import { api as snsApi } from "./sns.api";
import { api as sqsApi } from "./sqs.api";
import type { Api, LiveRun } from "./run";

type Collector = (clients: LiveClients, run: LiveRun) => Promise<void>;
type ApiTable = Readonly<Record<string, Api>>;

/**
 * Every live collector, declared once: the AWS actions it calls and the resource types each reads
 * (its `<name>.api.ts`, light enough to import anywhere), and how to load its code (with its SDK
 * package) when one of its types is wanted. The types a collector reads, the actions live mode and
 * each rule need, and the evaluator's IAM policy are all derived from this table.
 *
 * ECS and IAM are collected apart (collect.ts): ECS always, since its services root every scope,
 * and IAM after it, on the roles its task definitions name.
 */
export const ECS_COLLECTOR = { api: ecsApi } as const;
export const IAM_COLLECTOR = { api: iamApi } as const;

export const ON_DEMAND_COLLECTORS = {
  alarms: { api: alarmsApi, load: async () => (await import("./alarms")).collectAlarms },
  "auto-scaling": { api: autoScalingApi, load: async () => (await import("./auto-scaling")).collectAutoScaling },
  dynamodb: { api: dynamodbApi, load: async () => (await import("./dynamodb")).collectTables },
  ecr: { api: ecrApi, load: async () => (await import("./ecr")).collectEcr },
  elbv2: { api: elbv2Api, load: async () => (await import("./elbv2")).collectLoadBalancing },
  events: { api: eventsApi, load: async () => (await import("./events")).collectEventRules },
  "flow-logs": { api: flowLogsApi, load: async () => (await import("./flow-logs")).collectFlowLogs },
  lambda: { api: lambdaApi, load: async () => (await import("./lambda")).collectLambda },
  logs: { api: logsApi, load: async () => (await import("./logs")).collectLogGroups },
  network: { api: networkApi, load: async () => (await import("./network")).collectNetwork },
  secrets: { api: secretsApi, load: async () => (await import("./secrets")).collectSecrets },
  "security-groups": {
    api: securityGroupsApi,
    load: async () => (await import("./security-groups")).collectSecurityGroups,
  },
  sns: { api: snsApi, load: async () => (await import("./sns")).collectSubscriptions },
  sqs: { api: sqsApi, load: async () => (await import("./sqs")).collectQueues },
} as const satisfies Readonly<Record<string, { readonly api: ApiTable; readonly load: () => Promise<Collector> }>>;

/** Every collector's api table, by collector name. */
export const COLLECTOR_APIS: Readonly<Record<string, ApiTable>> = {
  ecs: ECS_COLLECTOR.api,
  iam: IAM_COLLECTOR.api,
  ...Object.fromEntries(Object.entries(ON_DEMAND_COLLECTORS).map(([name, collector]) => [name, collector.api])),
};

/** The resource types an api table reads. */
export const typesOfApi = (api: ApiTable): string[] => [...new Set(Object.values(api).flatMap((call) => call.types))];

/** The AWS actions an api table calls. */
export const actionsOfApi = (api: ApiTable): string[] => Object.values(api).map((call) => call.action);

/** Every AWS action the live collectors call: the read-only IAM policy live mode needs. */
export const LIVE_ACTIONS: readonly string[] = [...new Set(Object.values(COLLECTOR_APIS).flatMap(actionsOfApi))].sort();

/**
 * The actions collecting these types takes: every action of each collector that reads one of them
 * (a collector calls all of its actions whenever it runs), plus ECS's, which always runs.
 */
export const liveActionsForTypes = (types: readonly string[]): string[] => {
  const wanted = new Set(types);
  const needed = Object.values(COLLECTOR_APIS).filter(
    (api) => api === ECS_COLLECTOR.api || typesOfApi(api).some((type) => wanted.has(type)),
  );
  return [...new Set(needed.flatMap(actionsOfApi))].sort();
};
