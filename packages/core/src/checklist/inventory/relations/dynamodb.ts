import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown } from "../../model/value";
import type { Inventory } from "../inventory";

export const DYNAMODB_TABLE = "AWS::DynamoDB::Table";
export const DYNAMODB_GLOBAL_TABLE = "AWS::DynamoDB::GlobalTable";
export const SCALABLE_TARGET = "AWS::ApplicationAutoScaling::ScalableTarget";
export const SCALING_POLICY = "AWS::ApplicationAutoScaling::ScalingPolicy";

/** The capacity dimensions a table (or one GSI) must scale: `read` and `write`. */
export type CapacityKind = "read" | "write";

export const dimensionOf = (kind: CapacityKind, index?: string): string =>
  `dynamodb:${index === undefined ? "table" : "index"}:${kind === "read" ? "Read" : "Write"}CapacityUnits`;

/** The table's name: TableName, else the last segment of its ARN alias, else its id. */
export const tableNameOf = (table: Resource): string => {
  const declared = table.properties.TableName;
  if (typeof declared === "string") return declared;
  const arn = table.aliases.find((a) => a.startsWith("arn:"));
  return arn ? arn.slice(arn.lastIndexOf("/") + 1) : table.id;
};

export const globalSecondaryIndexNames = (table: Resource): string[] =>
  asArray(table.properties.GlobalSecondaryIndexes)
    .map((gsi) => asRecord(gsi).IndexName)
    .filter((name): name is string => typeof name === "string");

export interface ScalingOfTable {
  /** Scalable targets by `<index or "">|<dimension>`. */
  readonly targets: Map<string, Resource>;
  /** Scalable targets with a scaling policy, by target id. */
  readonly scaled: Set<string>;
}

interface ScalingIndex {
  readonly byTable: Map<string, ScalingOfTable>;
  /** DynamoDB scalable targets whose ResourceId could not be determined: any table might be theirs. */
  readonly undetermined: Resource[];
}

const indexes = new WeakMap<Inventory, ScalingIndex>();

const parseResourceId = (resourceId: string): { table: string; index?: string } | undefined => {
  const match = /^table\/([^/]+)(?:\/index\/([^/]+))?$/.exec(resourceId);
  return match ? { table: match[1]!, index: match[2] } : undefined;
};

const tableOf = (inventory: Inventory, name: string, byName: Map<string, Resource>): Resource | undefined => {
  const found = inventory.lookupOfType(name, DYNAMODB_TABLE);
  return found && !isUnknown(found) ? found : byName.get(name);
};

const keyOf = (target: Resource): string =>
  `${String(target.properties.ResourceId)}|${String(target.properties.ScalableDimension)}`;

const buildIndex = (inventory: Inventory): ScalingIndex => {
  const byName = new Map(inventory.ofType(DYNAMODB_TABLE).map((t) => [tableNameOf(t), t]));
  const byTable = new Map<string, ScalingOfTable>();
  const undetermined: Resource[] = [];
  const targetsByKey = new Map<string, Resource>();
  for (const target of inventory.ofType(SCALABLE_TARGET)) {
    const { ResourceId: resourceId, ScalableDimension: dimension, ServiceNamespace: namespace } = target.properties;
    if (namespace !== undefined && namespace !== "dynamodb" && !isUnknown(namespace)) continue;
    if (typeof resourceId !== "string" || typeof dimension !== "string") {
      if (namespace === "dynamodb" || (typeof dimension === "string" && dimension.startsWith("dynamodb:")))
        undetermined.push(target);
      continue;
    }
    const parsed = parseResourceId(resourceId);
    const table = parsed && tableOf(inventory, parsed.table, byName);
    if (!parsed || !table) continue;
    const scaling = byTable.get(table.id) ?? { targets: new Map(), scaled: new Set<string>() };
    byTable.set(table.id, scaling);
    scaling.targets.set(`${parsed.index ?? ""}|${dimension}`, target);
    targetsByKey.set(keyOf(target), target);
  }
  const tableOfTarget = (target: Resource): ScalingOfTable | undefined => {
    const parsed = parseResourceId(String(target.properties.ResourceId));
    const table = parsed && tableOf(inventory, parsed.table, byName);
    return table ? byTable.get(table.id) : undefined;
  };
  for (const policy of inventory.ofType(SCALING_POLICY)) {
    const byRef = inventory.lookupOfType(policy.properties.ScalingTargetId, SCALABLE_TARGET);
    const target =
      byRef && !isUnknown(byRef)
        ? byRef
        : targetsByKey.get(`${String(policy.properties.ResourceId)}|${String(policy.properties.ScalableDimension)}`);
    if (target) tableOfTarget(target)?.scaled.add(target.id);
  }
  return { byTable, undetermined };
};

const scalingIndex = (inventory: Inventory): ScalingIndex => {
  const cached = indexes.get(inventory);
  if (cached) return cached;
  const index = buildIndex(inventory);
  indexes.set(inventory, index);
  return index;
};

export const scalingOfTable = (inventory: Inventory, table: Resource): ScalingOfTable =>
  scalingIndex(inventory).byTable.get(table.id) ?? { targets: new Map(), scaled: new Set() };

/** DynamoDB scalable targets whose ResourceId or dimension is unknown (they might belong to any table). */
export const undeterminedScalableTargets = (inventory: Inventory): readonly Resource[] =>
  scalingIndex(inventory).undetermined;
