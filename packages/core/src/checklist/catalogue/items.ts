import type * as z from "../../kernel/validation/zod";
import type { ItemDeclaration, Section } from "./item";
import { sloDefinedItem } from "./slo-defined";
import { failureModesAlertedItem } from "./failure-modes-alerted";
import { gracefulShutdownItem } from "./graceful-shutdown";
import { idempotentWritesItem } from "./idempotent-writes";
import { dlqCoverageItem } from "./dlq-coverage";
import { loadTestedItem } from "./load-tested";
import { failureInjectionItem } from "./failure-injection";
import { dynamodbCapacityItem } from "./dynamodb-capacity";
import { ecsMultiAzItem } from "./ecs-multi-az";
import { noEnvSecretsItem } from "./no-env-secrets";
import { iamLeastPrivilegeItem } from "./iam-least-privilege";
import { privateSubnetsItem } from "./private-subnets";
import { sgAlbOnlyItem } from "./sg-alb-only";
import { mtlsItem } from "./mtls";
import { containerHardeningItem } from "./container-hardening";
import { imageProvenanceItem } from "./image-provenance";
import { vpcFlowLogsItem } from "./vpc-flow-logs";
import { tracesExportedItem } from "./traces-exported";
import { traceIdInLogsItem } from "./trace-id-in-logs";
import { goldenSignalsItem } from "./golden-signals";
import { sloRecordingRulesItem } from "./slo-recording-rules";
import { alertsDefinedItem } from "./alerts-defined";
import { runbooksItem } from "./runbooks";
import { alertRoutingItem } from "./alert-routing";
import { cicdGateItem } from "./cicd-gate";
import { rollbackTestedItem } from "./rollback-tested";
import { logRetentionItem } from "./log-retention";
import { costEstimateItem } from "./cost-estimate";
import { oncallItem } from "./oncall";
import { postDeploySmokeItem } from "./post-deploy-smoke";

export type { ItemDeclaration, ParamSchema, Section, Severity } from "./item";

/**
 * The production readiness checklist, in the checklist's order: every item's declaration. This is
 * the static registry (the CLI, the stacks, IAM derivation); the Config evaluator loads one item at
 * a time through loaders.ts instead, so it never imports this module.
 */
export const CHECKLIST = [
  sloDefinedItem,
  failureModesAlertedItem,
  gracefulShutdownItem,
  idempotentWritesItem,
  dlqCoverageItem,
  loadTestedItem,
  failureInjectionItem,
  dynamodbCapacityItem,
  ecsMultiAzItem,
  noEnvSecretsItem,
  iamLeastPrivilegeItem,
  privateSubnetsItem,
  sgAlbOnlyItem,
  mtlsItem,
  containerHardeningItem,
  imageProvenanceItem,
  vpcFlowLogsItem,
  tracesExportedItem,
  traceIdInLogsItem,
  goldenSignalsItem,
  sloRecordingRulesItem,
  alertsDefinedItem,
  runbooksItem,
  alertRoutingItem,
  cicdGateItem,
  rollbackTestedItem,
  logRetentionItem,
  costEstimateItem,
  oncallItem,
  postDeploySmokeItem,
] as const;

export type ItemId = (typeof CHECKLIST)[number]["id"];

/** Each item's declaration by id (an indexed type, so rule and item types relate by their id). */
type DeclarationMap = { readonly [I in (typeof CHECKLIST)[number] as I["id"]]: I };

/** An item's declaration; ChecklistItem (no argument) is any item. */
export type ChecklistItem<Id extends ItemId = ItemId> = DeclarationMap[Id];

/** The parameters of an item, as its schema outputs them (defaults applied). */
export type ParamsOf<Id extends ItemId> = z.output<DeclarationMap[Id]["params"]>;

export const ITEM_IDS: readonly ItemId[] = CHECKLIST.map((i) => i.id);

const byId = new Map<string, ChecklistItem>(CHECKLIST.map((i) => [i.id, i]));

export const isItemId = (value: string): value is ItemId => byId.has(value);

export const itemById = <Id extends ItemId>(id: Id): ChecklistItem<Id> => {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown checklist item ${id}`);
  return found as ChecklistItem<Id>;
};

export const SECTIONS: readonly Section[] = ["Reliability", "Security", "Observability", "Operations"];

/** Every item's declaration is an ItemDeclaration (checked here once, not in every file). */
CHECKLIST satisfies readonly ItemDeclaration[];
