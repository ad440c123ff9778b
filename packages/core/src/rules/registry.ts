import type { ItemId } from "../catalogue/items";
import { cloudwatchRules } from "./cloudwatch";
import { dynamodbRules } from "./dynamodb";
import { ecsRules } from "./ecs";
import { elbv2Rules } from "./elbv2";
import { iamRules } from "./iam";
import { logsRules } from "./logs";
import { liveActionsOfRules, typesUsedBy } from "./needs";
import { networkRules } from "./network";
import type { ConfigRule } from "./rule";
import { sqsRules } from "./sqs";

/** Every configuration rule, grouped by the AWS service of its subject resources. */
export const RULES: readonly ConfigRule[] = [
  ...ecsRules,
  ...sqsRules,
  ...dynamodbRules,
  ...networkRules,
  ...elbv2Rules,
  ...logsRules,
  ...iamRules,
  ...cloudwatchRules,
] as readonly ConfigRule[];

export const rulesForItem = (id: ItemId): readonly ConfigRule[] => RULES.filter((r) => r.itemId === id);

/** Every resource type any rule evaluates or reads: what live collection and Config scope must cover. */
export const typesUsedByRules = (rules: readonly ConfigRule[] = RULES): string[] => typesUsedBy(rules);

/** The IAM actions live evaluation of these rules needs (the evaluator's policy is derived from it). */
export const liveActionsOf = (rules: readonly ConfigRule[] = RULES): string[] => liveActionsOfRules(rules);
