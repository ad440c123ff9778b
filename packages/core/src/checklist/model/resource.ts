/** Where a resource came from, for SARIF locations and error messages. */
export interface SourceLocation {
  /** Template file path (template mode) or the endpoint/account (live mode). */
  readonly file?: string;
  /** 1-based line of the resource's logical id in the template, when known. */
  readonly line?: number;
  readonly column?: number;
  /** Nested stack path, e.g. "Root/Network", when the resource came from a nested template. */
  readonly stack?: string;
}

/**
 * The canonical resource model: every source (CloudFormation template, AWS Config item, live SDK
 * describe calls) is normalised to the CloudFormation resource type and its PascalCase property
 * shape, so one rule works on all three. References between resources are plain strings (ids,
 * names, ARNs, URLs) that `Inventory.lookup` resolves through each resource's aliases; values an
 * adapter could not determine are `UnknownValue`s.
 */
export interface Resource {
  /** Template logical id, or the live resource's ARN (or id where it has no ARN). Unique in an inventory. */
  readonly id: string;
  /** CloudFormation resource type, e.g. "AWS::ECS::Service". */
  readonly type: string;
  /** CloudFormation-shaped properties (PascalCase). */
  readonly properties: Record<string, unknown>;
  /** Every string by which other resources refer to this one: physical id, name, ARN, URL. */
  readonly aliases: readonly string[];
  /** Facts only a live source can observe (e.g. AZs of running tasks), keyed by name. Absent for templates. */
  readonly observed?: Readonly<Record<string, unknown>>;
  readonly location?: SourceLocation;
}

/** Human display name for a resource: the logical id, or the last segment of an ARN. */
export const displayName = (resource: Resource): string => {
  const id = resource.id;
  if (!id.startsWith("arn:")) return id;
  const tail = id.split(":").slice(5).join(":");
  return tail || id;
};
