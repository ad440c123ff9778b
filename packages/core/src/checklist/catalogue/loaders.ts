import type { ChecklistItem, ItemId } from "./items";

/**
 * Each item's declaration, imported when first asked for. The Config evaluator serves every rule
 * from one function, but one invocation evaluates one item: importing that item alone keeps the
 * other items' rules, and their parsers (traces-exported's YAML), out of its cold start. The
 * table's type names every item id, so an item without a loader does not compile.
 */
const ITEM_LOADERS: { readonly [Id in ItemId]: () => Promise<ChecklistItem<Id>> } = {
  "slo-defined": async () => (await import("./slo-defined")).sloDefinedItem,
  "failure-modes-alerted": async () => (await import("./failure-modes-alerted")).failureModesAlertedItem,
  "graceful-shutdown": async () => (await import("./graceful-shutdown")).gracefulShutdownItem,
  "idempotent-writes": async () => (await import("./idempotent-writes")).idempotentWritesItem,
  "dlq-coverage": async () => (await import("./dlq-coverage")).dlqCoverageItem,
  "load-tested": async () => (await import("./load-tested")).loadTestedItem,
  "failure-injection": async () => (await import("./failure-injection")).failureInjectionItem,
  "dynamodb-capacity": async () => (await import("./dynamodb-capacity")).dynamodbCapacityItem,
  "ecs-multi-az": async () => (await import("./ecs-multi-az")).ecsMultiAzItem,
  "no-env-secrets": async () => (await import("./no-env-secrets")).noEnvSecretsItem,
  "iam-least-privilege": async () => (await import("./iam-least-privilege")).iamLeastPrivilegeItem,
  "private-subnets": async () => (await import("./private-subnets")).privateSubnetsItem,
  "sg-alb-only": async () => (await import("./sg-alb-only")).sgAlbOnlyItem,
  mtls: async () => (await import("./mtls")).mtlsItem,
  "container-hardening": async () => (await import("./container-hardening")).containerHardeningItem,
  "image-provenance": async () => (await import("./image-provenance")).imageProvenanceItem,
  "vpc-flow-logs": async () => (await import("./vpc-flow-logs")).vpcFlowLogsItem,
  "traces-exported": async () => (await import("./traces-exported")).tracesExportedItem,
  "trace-id-in-logs": async () => (await import("./trace-id-in-logs")).traceIdInLogsItem,
  "golden-signals": async () => (await import("./golden-signals")).goldenSignalsItem,
  "slo-recording-rules": async () => (await import("./slo-recording-rules")).sloRecordingRulesItem,
  "alerts-defined": async () => (await import("./alerts-defined")).alertsDefinedItem,
  runbooks: async () => (await import("./runbooks")).runbooksItem,
  "alert-routing": async () => (await import("./alert-routing")).alertRoutingItem,
  "cicd-gate": async () => (await import("./cicd-gate")).cicdGateItem,
  "rollback-tested": async () => (await import("./rollback-tested")).rollbackTestedItem,
  "log-retention": async () => (await import("./log-retention")).logRetentionItem,
  "cost-estimate": async () => (await import("./cost-estimate")).costEstimateItem,
  oncall: async () => (await import("./oncall")).oncallItem,
  "post-deploy-smoke": async () => (await import("./post-deploy-smoke")).postDeploySmokeItem,
};

/** Whether a string names a checklist item, without loading any item. */
export const isLoadableItemId = (value: string): value is ItemId => Object.hasOwn(ITEM_LOADERS, value);

/** One item's declaration: its catalogue entry, parameter schema and rules. */
export const loadItem = <Id extends ItemId>(id: Id): Promise<ChecklistItem<Id>> =>
  (ITEM_LOADERS[id] as () => Promise<ChecklistItem<Id>>)();
