import type { Resource } from "../../model/resource";
import { isUnknown, pathOf, type UnknownValue, unknownValue } from "../../model/value";
import type { Inventory } from "../inventory";
import { memoPer, pushTo } from "../memo";
import { LOG_GROUP } from "./logs";

export const LAMBDA_FUNCTION = "AWS::Lambda::Function";
export const LAMBDA_EVENT_INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig";
/** CDK's (and SST's) `logRetention`: a custom resource that sets the retention of a group it may not declare. */
export const LOG_RETENTION_CUSTOM_RESOURCE = "Custom::LogRetention";

/** The function's name: FunctionName, else the name the adapter gave it (CloudFormation generates one). */
export const functionNameOf = (fn: Resource): string => {
  const declared = fn.properties.FunctionName;
  if (typeof declared === "string" && declared !== "") return declared;
  return fn.aliases.find((alias) => !alias.startsWith("arn:")) ?? fn.id;
};

/** Lambda writes to `/aws/lambda/<function name>` unless LoggingConfig.LogGroup names another group. */
export const functionLogGroupName = (fn: Resource): string | UnknownValue => {
  const configured = pathOf(fn.properties, "LoggingConfig", "LogGroup");
  if (isUnknown(configured)) return configured;
  if (typeof configured === "string" && configured !== "") return configured;
  return `/aws/lambda/${functionNameOf(fn)}`;
};

/** What sets a log group's retention: the group itself, or a Custom::LogRetention naming it. */
export interface RetentionSetter {
  readonly resource: Resource;
  /** RetentionInDays as written: undefined means the group never expires. */
  readonly retention: unknown;
}

interface RetentionIndex {
  readonly byName: Map<string, Resource[]>;
  /** Custom::LogRetention resources whose LogGroupName could not be determined: they might set any group. */
  readonly undetermined: Resource[];
}

const customRetentions = memoPer((inventory: Inventory): RetentionIndex => {
  const byName = new Map<string, Resource[]>();
  const undetermined: Resource[] = [];
  for (const setter of inventory.ofType(LOG_RETENTION_CUSTOM_RESOURCE)) {
    const name = setter.properties.LogGroupName;
    if (typeof name === "string") pushTo(byName, name, setter);
    else undetermined.push(setter);
  }
  return { byName, undetermined };
});

/**
 * What sets the retention of the log group with this name: an AWS::Logs::LogGroup (declared, or
 * read live), else a Custom::LogRetention. Undefined when nothing does (the group, if Lambda
 * creates it, never expires); an UnknownValue when a custom resource's group name is unknown.
 */
export const retentionSetterOf = (
  inventory: Inventory,
  groupName: string,
): RetentionSetter | UnknownValue | undefined => {
  const group = inventory.lookupOfType(groupName, LOG_GROUP);
  if (group && !isUnknown(group)) return { resource: group, retention: group.properties.RetentionInDays };
  const { byName, undetermined } = customRetentions(inventory);
  const custom = byName.get(groupName)?.[0];
  if (custom) return { resource: custom, retention: custom.properties.RetentionInDays };
  const unknownName = undetermined[0];
  if (!unknownName) return undefined;
  const name = unknownName.properties.LogGroupName;
  return unknownValue(
    `${unknownName.id} sets the retention of a log group whose name is unknown${isUnknown(name) ? ` (${name.reason})` : ""}`,
  );
};
