import { isRecord } from "../../model/value";
import cfnLists from "./cfn-lists.json";

/** A tree of list paths (scripts/gen-cfn-types.py): 1 is a list, {"*": tree} a list whose items hold lists, else an object. */
type ListTree = { readonly [key: string]: ListTree | 1 };

const LIST_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = cfnLists.attributes;
const LIST_PROPERTIES = cfnLists.properties as unknown as Readonly<Record<string, ListTree>>;

/** True when the schema says Fn::GetAtt of this attribute returns a list (AWS::EC2::VPC Ipv6CidrBlocks). */
export const attributeIsList = (type: string, attribute: string): boolean =>
  LIST_ATTRIBUTES[type]?.includes(attribute) ?? false;

export interface ListedProperties {
  readonly properties: Record<string, unknown>;
  /** Property paths ("SecurityGroupIngress") where one value was given for a list, and read as a list of one. */
  readonly wrapped: string[];
}

/** A value that stands where a list belongs: a lone object or scalar becomes a list of one; unknowns stay unknown. */
const asList = (value: unknown): { list: unknown; wrapped: boolean } => {
  if (Array.isArray(value) || value === undefined || value === null || (typeof value === "object" && !isRecord(value)))
    return { list: value, wrapped: false };
  return { list: [value], wrapped: true };
};

const walk = (value: unknown, tree: ListTree, path: string, wrapped: string[]): unknown => {
  if (!isRecord(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in tree) {
    if (!(key in value)) continue;
    const shape = tree[key];
    let next = value[key];
    const at = path === "" ? key : `${path}.${key}`;
    if (shape === 1 || "*" in shape) {
      const { list, wrapped: isWrapped } = asList(next);
      if (isWrapped) wrapped.push(at);
      next = list;
      if (shape !== 1 && Array.isArray(next)) {
        const items = shape["*"] as ListTree;
        const mapped = next.map((item, i) => walk(item, items, `${at}.${i}`, wrapped));
        if (mapped.some((item, i) => item !== (next as unknown[])[i])) next = mapped;
      }
    } else next = walk(next, shape, at, wrapped);
    if (next !== value[key]) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
};

/**
 * Reads every value the type's schema says is a list as a list: a lone object or scalar given in
 * its place (`SecurityGroupIngress: {CidrIp: 0.0.0.0/0, …}`, which cfn-lint flags as E3012) is a
 * list of one, as cfn-nag reads it, never dropped by a reader that expects a list.
 */
export const listsWhereListsBelong = (type: string, properties: Record<string, unknown>): ListedProperties => {
  const tree = LIST_PROPERTIES[type];
  const wrapped: string[] = [];
  if (!tree) return { properties, wrapped };
  return { properties: walk(properties, tree, "", wrapped) as Record<string, unknown>, wrapped };
};
