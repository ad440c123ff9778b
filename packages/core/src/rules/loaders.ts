import type { ItemId } from "../catalogue/items";
import type { ConfigRule } from "./rule";

type Loader = () => Promise<readonly ConfigRule[]>;

/**
 * Each item's configuration rules, imported when first asked for. The Config evaluator serves every
 * rule from one function, but one invocation evaluates one item: importing that item's rules alone
 * keeps the others, and traces-exported's YAML parser (117 KB), out of the function's cold start.
 * registry.ts stays the static list (CLI, stacks, IAM derivation); loaders.test.ts holds the two in
 * step, rule for rule and in the same order.
 */
const LOADERS: Partial<Record<ItemId, Loader>> = {
  "ecs-multi-az": async () => [(await import("./ecs/ecs-multi-az")).ecsMultiAz],
  "graceful-shutdown": async () => [(await import("./ecs/graceful-shutdown")).gracefulShutdown],
  "no-env-secrets": async () => [(await import("./ecs/no-env-secrets")).noEnvSecrets],
  "container-hardening": async () => [(await import("./ecs/container-hardening")).containerHardening],
  "image-provenance": async () => [(await import("./ecs/image-provenance")).imageProvenance],
  "traces-exported": async () => [(await import("./ecs/traces-exported")).tracesExported],
  "cicd-gate": async () => [(await import("./ecs/cicd-gate")).cicdGate],
  "dlq-coverage": async () => [(await import("./sqs/dlq-coverage")).dlqCoverage],
  "dynamodb-capacity": async () => [(await import("./dynamodb/dynamodb-capacity")).dynamodbCapacity],
  "private-subnets": async () => {
    const [services, loadBalancers] = await Promise.all([
      import("./network/private-subnets-services"),
      import("./network/private-subnets-load-balancers"),
    ]);
    return [services.privateSubnetsServices, loadBalancers.privateSubnetsLoadBalancers];
  },
  "sg-alb-only": async () => [(await import("./network/sg-alb-only")).sgAlbOnly],
  "vpc-flow-logs": async () => [(await import("./network/vpc-flow-logs")).vpcFlowLogs],
  mtls: async () => [(await import("./elbv2/mtls")).mtlsListener],
  "log-retention": async () => {
    const [groups, taskDefinitions, functions] = await Promise.all([
      import("./logs/log-retention"),
      import("./logs/log-retention-task-definitions"),
      import("./logs/log-retention-functions"),
    ]);
    return [groups.logRetention, taskDefinitions.logRetentionTaskDefinitions, functions.logRetentionFunctions];
  },
  "iam-least-privilege": async () => [(await import("./iam/iam-least-privilege")).iamLeastPrivilege],
  "golden-signals": async () => {
    const [queues, services] = await Promise.all([
      import("./cloudwatch/golden-signals-queues"),
      import("./cloudwatch/golden-signals-services"),
    ]);
    return [queues.goldenSignalsQueues, services.goldenSignalsServices];
  },
};

/** The configuration rules of one item (none for an item without a config part). */
export const loadRulesForItem = async (id: ItemId): Promise<readonly ConfigRule[]> => (await LOADERS[id]?.()) ?? [];
