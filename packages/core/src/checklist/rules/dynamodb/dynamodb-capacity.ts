/*
 * dynamodb-capacity: DynamoDB on-demand or provisioned with auto-scaling enabled.
 * Given a table with BillingMode PAY_PER_REQUEST, Then it passes.
 * Given a provisioned table (BillingMode absent or PROVISIONED),
 *   Then the table and every GSI need read and write scalable targets (ResourceId table/<name>[/index/<gsi>])
 *   each with a scaling policy; otherwise it fails listing exactly what is missing.
 * Given a global table, Then it is on-demand, or its write capacity (table and GSIs) and every
 *   replica's read capacity use auto-scaling settings.
 */
import {
  type CapacityKind,
  DYNAMODB_GLOBAL_TABLE,
  DYNAMODB_TABLE,
  dimensionOf,
  globalSecondaryIndexNames,
  SCALABLE_TARGET,
  SCALING_POLICY,
  scalingOfTable,
  tableNameOf,
  undeterminedScalableTargets,
} from "../../inventory/relations/dynamodb";
import type { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown, pathOf } from "../../model/value";
import { compliant, defineRule, nonCompliant, type RuleOutcome, undecided } from "../rule";

const KINDS: readonly CapacityKind[] = ["read", "write"];

const billingModeOf = (table: Resource): unknown => table.properties.BillingMode ?? "PROVISIONED";

/** What a provisioned table lacks, per location: "table: no read/write scalable target", "index byStatus: no write scaling policy". */
const missingScaling = (inventory: Inventory, table: Resource): string[] => {
  const scaling = scalingOfTable(inventory, table);
  const missing: string[] = [];
  for (const index of [undefined, ...globalSecondaryIndexNames(table)]) {
    const where = index === undefined ? "table" : `index ${index}`;
    const targets = KINDS.map(
      (kind) => [kind, scaling.targets.get(`${index ?? ""}|${dimensionOf(kind, index)}`)] as const,
    );
    const noTarget = targets.filter(([, target]) => !target).map(([kind]) => kind);
    const noPolicy = targets.filter(([, target]) => target && !scaling.scaled.has(target.id)).map(([kind]) => kind);
    if (noTarget.length > 0) missing.push(`${where}: no ${noTarget.join("/")} scalable target`);
    if (noPolicy.length > 0) missing.push(`${where}: no ${noPolicy.join("/")} scaling policy`);
  }
  return missing;
};

/** Every gap, in full: only the Config annotation is cut to Config's limit. */
const listGaps = (gaps: readonly string[]): string => gaps.join("; ");

const checkTable = (table: Resource, inventory: Inventory): RuleOutcome => {
  const name = tableNameOf(table);
  const mode = billingModeOf(table);
  if (isUnknown(mode)) return undecided(`table ${name}: billing mode unknown (${mode.reason})`);
  if (mode === "PAY_PER_REQUEST") return compliant(`table ${name} is on-demand (PAY_PER_REQUEST)`);
  const missing = missingScaling(inventory, table);
  if (missing.length === 0) return compliant(`table ${name} is provisioned with read and write auto-scaling`);
  const undetermined = undeterminedScalableTargets(inventory);
  if (undetermined.length > 0)
    return undecided(
      `table ${name}: scalable target ${undetermined[0]!.id} has an unknown ResourceId; missing: ${missing.join(", ")}`,
    );
  return nonCompliant(`provisioned table ${name} lacks auto-scaling: ${listGaps(missing)}`);
};

const hasAutoScaling = (settings: unknown, key: string): boolean => asRecord(settings)[key] !== undefined;

const checkGlobalTable = (table: Resource): RuleOutcome => {
  const name = tableNameOf(table);
  const mode = billingModeOf(table);
  if (isUnknown(mode)) return undecided(`global table ${name}: billing mode unknown (${mode.reason})`);
  if (mode === "PAY_PER_REQUEST") return compliant(`global table ${name} is on-demand (PAY_PER_REQUEST)`);
  const missing: string[] = [];
  const write = "WriteCapacityAutoScalingSettings";
  const read = "ReadCapacityAutoScalingSettings";
  if (!hasAutoScaling(table.properties.WriteProvisionedThroughputSettings, write))
    missing.push("write auto-scaling for table");
  for (const gsi of asArray(table.properties.GlobalSecondaryIndexes)) {
    const index = String(asRecord(gsi).IndexName);
    if (!hasAutoScaling(asRecord(gsi).WriteProvisionedThroughputSettings, write))
      missing.push(`write auto-scaling for index ${index}`);
  }
  for (const replica of asArray(table.properties.Replicas)) {
    const region = String(asRecord(replica).Region);
    if (!hasAutoScaling(pathOf(replica, "ReadProvisionedThroughputSettings"), read))
      missing.push(`read auto-scaling for replica ${region}`);
    for (const gsi of asArray(asRecord(replica).GlobalSecondaryIndexes))
      if (!hasAutoScaling(asRecord(gsi).ReadProvisionedThroughputSettings, read))
        missing.push(`read auto-scaling for index ${String(asRecord(gsi).IndexName)} in ${region}`);
  }
  if (missing.length === 0) return compliant(`global table ${name} is provisioned with read and write auto-scaling`);
  return nonCompliant(`provisioned global table ${name} lacks ${listGaps(missing)}`);
};

export const dynamodbCapacity = defineRule({
  itemId: "dynamodb-capacity",
  resourceTypes: [DYNAMODB_TABLE, DYNAMODB_GLOBAL_TABLE],
  readsTypes: [SCALABLE_TARGET, SCALING_POLICY],
  evaluate(table, { inventory }) {
    return table.type === DYNAMODB_GLOBAL_TABLE ? checkGlobalTable(table) : checkTable(table, inventory);
  },
});
