import { api as alarmApis } from "./alarms";
import { api as autoScalingApis } from "./auto-scaling";
import { api as dynamodbApis } from "./dynamodb";
import { api as ecrApis } from "./ecr";
import { api as ecsApis } from "./ecs";
import { api as elbv2Apis } from "./elbv2";
import { api as eventsApis } from "./events";
import { api as flowLogApis } from "./flow-logs";
import { api as iamApis } from "./iam";
import { api as lambdaApis } from "./lambda";
import { api as logsApis } from "./logs";
import { api as networkApis } from "./network";
import type { Api } from "./run";
import { api as secretsApis } from "./secrets";
import { api as securityGroupApis } from "./security-groups";
import { api as snsApis } from "./sns";
import { api as sqsApis } from "./sqs";

/**
 * The `api` table of every collector module: what each calls and the types each call reads. Apart
 * from collect.ts, which imports collectors only when their types are wanted.
 */
export const COLLECTOR_APIS: Readonly<Record<string, Readonly<Record<string, Api>>>> = {
  alarms: alarmApis,
  "auto-scaling": autoScalingApis,
  dynamodb: dynamodbApis,
  ecr: ecrApis,
  ecs: ecsApis,
  elbv2: elbv2Apis,
  events: eventsApis,
  "flow-logs": flowLogApis,
  iam: iamApis,
  lambda: lambdaApis,
  logs: logsApis,
  network: networkApis,
  secrets: secretsApis,
  "security-groups": securityGroupApis,
  sns: snsApis,
  sqs: sqsApis,
};

/** Every AWS action the live collectors call: the read-only IAM policy live mode needs. */
export const LIVE_ACTIONS: readonly string[] = [
  ...new Set(Object.values(COLLECTOR_APIS).flatMap((apis) => Object.values(apis).map((api) => api.action))),
].sort();
