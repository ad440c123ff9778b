import { TemplateError } from "../../../kernel/errors";
import { isRecord, isUnknown } from "../../model/value";
import type { Position } from "./locate";
import type { ParsedFile } from "./parse";
import { placeIn } from "./template";

export const LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";
const FOR_EACH = "Fn::ForEach::";
/** The sections Fn::ForEach may be used in (the others are left as written). */
const LOOP_SECTIONS = ["Conditions", "Resources", "Outputs"] as const;
/** Attributes of a resource the transform resolves when they are intrinsic functions. */
const RESOLVED_ATTRIBUTES = ["Condition", "DeletionPolicy", "UpdateReplacePolicy"] as const;

/** The outcome of `!Ref AWS::NoValue` at transform time: the key is dropped. */
const NO_VALUE = Symbol("NoValue");

interface Context {
  readonly parsed: ParsedFile;
  readonly mappings: Record<string, unknown>;
  /** Parameter values (what a Ref to a parameter yields), for collections such as `!Ref TableNames`. */
  readonly parameters: ReadonlyMap<string, unknown>;
}

const fail = (context: Context, path: string, message: string, hint?: string): never => {
  throw new TemplateError(message, placeIn(context.parsed, path), hint);
};

const COLLECTION_HINT =
  "give the collection as a list, a Ref to a CommaDelimitedList parameter, Fn::FindInMap or Fn::Split";

/**
 * The value of a loop collection, or of a transform-time key: literals, Ref to a parameter,
 * Fn::FindInMap (with DefaultValue) and Fn::Split, which is what the transform resolves before
 * deploy. A parameter without a value makes the loop's resources unknowable: an error with the fix.
 */
const resolveStatic = (value: unknown, context: Context, path: string): unknown => {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const [name] = keys;
  const argument = value[name];
  if (name === "Ref" && argument === "AWS::NoValue") return NO_VALUE;
  if (name === "Ref" && typeof argument === "string" && context.parameters.has(argument)) {
    const resolved = context.parameters.get(argument);
    if (isUnknown(resolved))
      return fail(
        context,
        path,
        `Fn::ForEach needs the value of parameter ${argument} to know what it creates: ${resolved.reason}`,
        `pass it: --parameter ${argument}=a,b,c`,
      );
    return resolved;
  }
  if (name === "Fn::FindInMap" && Array.isArray(argument) && argument.length >= 3) {
    const [map, top, second] = argument.slice(0, 3).map((key) => resolveStatic(key, context, path));
    const entry = isRecord(context.mappings[String(map)])
      ? (context.mappings[String(map)] as Record<string, unknown>)[String(top)]
      : undefined;
    const found = isRecord(entry) ? entry[String(second)] : undefined;
    if (found !== undefined) return found;
    const options = argument[3];
    if (isRecord(options) && "DefaultValue" in options) return resolveStatic(options.DefaultValue, context, path);
    return fail(context, path, `Fn::FindInMap: mapping ${String(map)} has no entry ${String(top)}.${String(second)}`);
  }
  if (name === "Fn::Sub" && typeof argument === "string" && !argument.includes("${")) return argument;
  if (name === "Fn::Split" && Array.isArray(argument) && argument.length === 2) {
    const source = resolveStatic(argument[1], context, path);
    if (typeof source === "string") return source.split(String(argument[0]));
  }
  return value;
};

const alphanumeric = (text: string): string => text.replace(/[^A-Za-z0-9]/g, "");

/** Replaces the loop identifier: `${Id}` and `&{Id}` in keys and strings, `{Ref: Id}` by the value. */
const substitute = (node: unknown, identifier: string, value: string): unknown => {
  if (typeof node === "string")
    return node.split(`\${${identifier}}`).join(value).split(`&{${identifier}}`).join(alphanumeric(value));
  if (Array.isArray(node)) return node.map((item) => substitute(item, identifier, value));
  if (!isRecord(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === "Ref" && node.Ref === identifier) return value;
  const result: Record<string, unknown> = {};
  for (const key of keys)
    result[substitute(key, identifier, value) as string] = substitute(node[key], identifier, value);
  return result;
};

/** `{Fn::Sub: "PublicSubnetA"}` with nothing left to substitute, as the argument of Ref or Fn::GetAtt, is that name. */
const literalSub = (value: unknown): unknown =>
  isRecord(value) &&
  typeof value["Fn::Sub"] === "string" &&
  !value["Fn::Sub"].includes("${") &&
  Object.keys(value).length === 1
    ? value["Fn::Sub"]
    : value;

/** Expands every Fn::ForEach in a node; `path` is the template path, for errors. */
const expand = (node: unknown, context: Context, path: string): unknown => {
  if (Array.isArray(node)) return node.map((item, i) => expand(item, context, `${path}.${i}`));
  if (!isRecord(node)) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const at = `${path}.${key}`;
    if (key.startsWith(FOR_EACH)) {
      for (const [outputKey, output] of Object.entries(loop(key, value, context, at))) {
        if (outputKey in result || outputKey in node)
          fail(context, at, `${key} makes ${outputKey}, which is already defined`, "make each OutputKey unique");
        result[outputKey] = output;
      }
      continue;
    }
    if (key === "Ref") result[key] = literalSub(expand(value, context, at));
    else if (key === "Fn::GetAtt" && Array.isArray(value))
      result[key] = [literalSub(expand(value[0], context, at)), ...value.slice(1).map((v) => expand(v, context, at))];
    else result[key] = expand(value, context, at);
  }
  return result;
};

/** One Fn::ForEach: its fragment once per item of the collection, nested loops expanded too. */
const loop = (key: string, value: unknown, context: Context, path: string): Record<string, unknown> => {
  if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== "string" || !isRecord(value[2]))
    return fail(
      context,
      path,
      `${key} must be [Identifier, Collection, {OutputKey: OutputValue}]`,
      "see the Fn::ForEach reference",
    );
  const [identifier, rawCollection, fragment] = value as [string, unknown, Record<string, unknown>];
  const collection = resolveStatic(rawCollection, context, path);
  if (!Array.isArray(collection)) return fail(context, path, `the collection of ${key} is not a list`, COLLECTION_HINT);
  for (const outputKey of Object.keys(fragment))
    if (
      !outputKey.startsWith(FOR_EACH) &&
      !outputKey.includes(`\${${identifier}}`) &&
      !outputKey.includes(`&{${identifier}}`)
    )
      fail(
        context,
        path,
        `${key}: the OutputKey ${outputKey} does not use \${${identifier}} or &{${identifier}}, so every item would make the same key`,
      );
  const outputs: Record<string, unknown> = {};
  for (const item of collection) {
    const copy = expand(substitute(fragment, identifier, String(item)), context, path) as Record<string, unknown>;
    for (const [outputKey, output] of Object.entries(copy)) {
      if (outputKey in outputs) fail(context, path, `${key} makes ${outputKey} twice`, "make each OutputKey unique");
      outputs[outputKey] = output;
    }
  }
  return outputs;
};

/** A resource's Condition, DeletionPolicy and UpdateReplacePolicy given as Fn::FindInMap are resolved; NoValue drops them. */
const resolveAttributes = (resources: Record<string, unknown>, context: Context): void => {
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource)) continue;
    for (const attribute of RESOLVED_ATTRIBUTES) {
      if (!isRecord(resource[attribute])) continue;
      const resolved = resolveStatic(resource[attribute], context, `Resources.${logicalId}.${attribute}`);
      if (resolved === NO_VALUE) delete resource[attribute];
      else resource[attribute] = resolved;
    }
  }
};

/**
 * The AWS::LanguageExtensions transform, as CloudFormation applies it before anything else:
 * every Fn::ForEach in Conditions, Resources and Outputs (nested loops and loops inside resource
 * properties included) expanded, with `${Id}`, `&{Id}` (non-alphanumerics removed) and `Ref: Id`
 * replaced by each item; Ref and Fn::GetAtt of a name built with Fn::Sub resolved; intrinsic
 * Condition / DeletionPolicy / UpdateReplacePolicy resolved. Fn::Length, Fn::ToJsonString and
 * Fn::FindInMap's DefaultValue are evaluated with the other intrinsics. Expanded entries are
 * located at their loop.
 */
export const expandLanguageExtensions = (parsed: ParsedFile, parameters: ReadonlyMap<string, unknown>): ParsedFile => {
  const body = parsed.body as Record<string, unknown>;
  const context: Context = {
    parsed,
    mappings: isRecord(body.Mappings) ? body.Mappings : {},
    parameters,
  };
  const expanded: Record<string, unknown> = { ...body };
  const positions = new Map<string, Position>(parsed.positions);
  for (const section of LOOP_SECTIONS) {
    const entries = body[section];
    if (!isRecord(entries)) continue;
    const result = expand(entries, context, section) as Record<string, unknown>;
    for (const key of Object.keys(entries)) {
      if (!key.startsWith(FOR_EACH)) continue;
      const at = parsed.positions.get(`${section}.${key}`);
      if (at)
        for (const made of Object.keys(loop(key, entries[key], context, `${section}.${key}`)))
          positions.set(`${section}.${made}`, at);
    }
    expanded[section] = result;
  }
  if (isRecord(expanded.Resources)) resolveAttributes(expanded.Resources, context);
  return { ...parsed, body: expanded, positions };
};
