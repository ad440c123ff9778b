import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown, pathOf, type UnknownValue } from "../../model/value";
import type { Inventory } from "../inventory";
import type { Container } from "./ecs";

export const ECR_REPOSITORY = "AWS::ECR::Repository";

/**
 * Scalar readers for CloudFormation-shaped values: templates often carry booleans and numbers as
 * strings ("true", "30"), so both spellings count. Anything else is `undefined` (absent or not a
 * value of that kind); an UnknownValue is passed through so the rule can say why it cannot decide.
 */
export const booleanOf = (value: unknown): boolean | UnknownValue | undefined => {
  if (isUnknown(value)) return value;
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return undefined;
};

export const numberOf = (value: unknown): number | UnknownValue | undefined => {
  if (isUnknown(value)) return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return undefined;
};

/** ECS treats a container as essential unless `Essential` is explicitly false. */
export const isEssential = (container: Container): boolean | UnknownValue => {
  const essential = booleanOf(container.definition.Essential);
  return essential === undefined ? true : essential;
};

export interface EnvironmentVariable {
  readonly name: string | UnknownValue;
  readonly value: string | UnknownValue;
}

/** A container's `Environment` as name/value pairs (non-string scalars stringified); UnknownValue when the list is unknown. */
export const environmentOf = (container: Container): EnvironmentVariable[] | UnknownValue => {
  const environment = container.definition.Environment;
  if (isUnknown(environment)) return environment;
  return asArray(environment).map((entry) => {
    const { Name, Value } = asRecord(entry);
    return { name: scalarText(Name), value: scalarText(Value) };
  });
};

const scalarText = (value: unknown): string | UnknownValue => {
  if (isUnknown(value)) return value;
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
};

/** The value of one environment variable of a container (undefined when not set). */
export const environmentValue = (container: Container, name: string): string | UnknownValue | undefined => {
  const environment = environmentOf(container);
  if (isUnknown(environment)) return environment;
  return environment.find((variable) => variable.name === name)?.value;
};

/** `User` values that mean root: a uid of 0 or the name root, with or without a group. Absent means the image's user, root by default. */
export const isRootUser = (user: string | undefined): boolean => {
  if (user === undefined || user.trim() === "") return true;
  const account = user.trim().split(":")[0].trim();
  return account === "root" || /^0+$/.test(account);
};

export interface ImageReference {
  /** Registry host (with port), when the reference names one. */
  readonly registry?: string;
  /** Repository path without registry, tag or digest, e.g. "library/nginx" or "task-service/api". */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Splits an image reference the way Docker does: the first path component is a registry when it
 * contains a dot or a colon or is "localhost"; the tag follows the last colon of the last component;
 * the digest follows "@".
 */
export const parseImage = (image: string): ImageReference => {
  const [beforeDigest, digest] = splitOnce(image.trim(), "@");
  const slash = beforeDigest.lastIndexOf("/");
  const lastComponent = beforeDigest.slice(slash + 1);
  const colon = lastComponent.lastIndexOf(":");
  const tag = colon >= 0 ? lastComponent.slice(colon + 1) : undefined;
  const name = colon >= 0 ? beforeDigest.slice(0, slash + 1 + colon) : beforeDigest;
  const firstSlash = name.indexOf("/");
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : "";
  const hasRegistry = firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  return {
    ...(hasRegistry ? { registry: first } : {}),
    repository: hasRegistry ? name.slice(firstSlash + 1) : name,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
};

const splitOnce = (text: string, separator: string): [string, string | undefined] => {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
};

const ECR_REGISTRY = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Whether an image comes from a private ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com`). */
export const isPrivateEcrImage = (image: string): boolean => {
  const { registry } = parseImage(image);
  return registry !== undefined && ECR_REGISTRY.test(registry);
};

/**
 * The ECR repository of the inventory an image comes from: matched on the repository URI
 * (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`) or, for an ECR registry, on the repository
 * name. Undefined for images from other registries or repositories outside the inventory.
 */
export const imageRepository = (inventory: Inventory, image: unknown): Resource | undefined => {
  if (typeof image !== "string") return undefined;
  const parsed = parseImage(image);
  const candidates = parsed.registry ? [`${parsed.registry}/${parsed.repository}`] : [];
  if (parsed.registry && ECR_REGISTRY.test(parsed.registry)) candidates.push(parsed.repository);
  for (const candidate of candidates) {
    const found = inventory.lookupOfType(candidate, ECR_REPOSITORY);
    if (found && !isUnknown(found)) return found;
  }
  return undefined;
};

/** Reads `LinuxParameters.Capabilities.Drop` (undefined when absent). */
export const droppedCapabilities = (container: Container): unknown[] | UnknownValue | undefined => {
  const drop = pathOf(container.definition, "LinuxParameters", "Capabilities", "Drop");
  if (isUnknown(drop)) return drop;
  return Array.isArray(drop) ? drop : undefined;
};
