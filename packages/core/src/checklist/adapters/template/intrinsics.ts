import {
  derivedUnknown,
  firstUnknownOf,
  isRecord,
  isUnknown,
  type UnknownValue,
  unknownValue,
} from "../../model/value";
import { cidrSubnets } from "./cidr";
import { availabilityZones, type Environment } from "./environment";
import { PSEUDO_PARAMETERS } from "./references";
import { parseSub } from "./sub-template";
import { intrinsicName } from "./intrinsic-name";

/** What `Ref: AWS::NoValue` evaluates to: the enclosing key or list item is dropped. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue");

export type Path = (string | number)[];

/** What the evaluator needs from the stack it evaluates in. */
export interface EvaluationContext {
  readonly env: Environment;
  readonly mappings: Record<string, unknown>;
  ref(name: string): unknown;
  getAtt(resource: string, attribute: string): unknown;
  condition(name: string): boolean | UnknownValue;
  /**
   * Called when Fn::If meets a condition that cannot be decided: the stack records it so the
   * template is judged under each of its values.
   */
  branchOn(name: string, undecided: UnknownValue): void;
  importValue(name: string): unknown;
  /** Throws a TemplateError at this template path. */
  fail(message: string, path: Path, hint?: string): never;
}

/**
 * Lists made by Fn::GetAZs: the real number of zones is not known before deploy, so selecting past
 * the modelled ones is unknown rather than an error.
 */
const SYNTHETIC_ZONES = new WeakSet<unknown[]>();

/**
 * Values of an Fn::If whose condition cannot be decided. As a list entry, such a value may be an
 * object, a scalar or AWS::NoValue (no entry at all), so the list itself is unknown: reading it
 * as one entry of unknown content would judge a container whose every property is "not set".
 */
const UNDECIDED_BRANCHES = new WeakSet<UnknownValue>();

type Fn = (argument: unknown, context: EvaluationContext, path: Path) => unknown;

/**
 * Evaluates a raw template value: intrinsic functions are applied, `AWS::NoValue` entries removed.
 * What cannot be determined before deployment becomes an UnknownValue carrying the reason; any
 * function applied to an unknown input yields that same unknown, so the reason reaches the rule.
 */
export const evaluate = (value: unknown, context: EvaluationContext, path: Path): unknown => {
  if (Array.isArray(value)) return evaluateList(value, context, path);
  // Raw template values are plain JSON: no UnknownValue can be met here, so no isRecord().
  if (typeof value !== "object" || value === null) return value;
  const name = intrinsicName(value as Record<string, unknown>);
  if (name === undefined) return evaluateMap(value as Record<string, unknown>, context, path);
  path.push(name);
  const fn = FUNCTIONS[name];
  if (!fn)
    return context.fail(
      `unknown intrinsic function ${name}`,
      path,
      "see the CloudFormation intrinsic function reference",
    );
  const result = fn((value as Record<string, unknown>)[name], context, path);
  path.pop();
  return result;
};

// Lists and maps without intrinsics inside are returned as they are, not copied: most of a large
// template is literal, and copying it all doubles the garbage a load produces.
const evaluateList = (value: unknown[], context: EvaluationContext, path: Path): unknown[] | UnknownValue => {
  let items: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    path.push(i);
    const item = evaluate(value[i], context, path);
    path.pop();
    if (isUnknown(item) && UNDECIDED_BRANCHES.has(item))
      return unknownValue(`whether and how entry ${i + 1} is set depends on ${item.reason}`);
    if (items === undefined && item !== value[i]) items = value.slice(0, i);
    if (items !== undefined && item !== NO_VALUE) items.push(item);
  }
  return items ?? value;
};

const evaluateMap = (
  value: Record<string, unknown>,
  context: EvaluationContext,
  path: Path,
): Record<string, unknown> => {
  let entries: Record<string, unknown> | undefined;
  for (const key in value) {
    path.push(key);
    const entry = evaluate(value[key], context, path);
    path.pop();
    if (entries === undefined && entry !== value[key]) entries = copyBefore(value, key);
    if (entries !== undefined && entry !== NO_VALUE) entries[key] = entry;
  }
  return entries ?? value;
};

const copyBefore = (value: Record<string, unknown>, stop: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (key === stop) break;
    copy[key] = value[key];
  }
  return copy;
};

/** Evaluates a condition expression: `{ Condition: Name }`, or an Fn::Equals/Not/And/Or. */
export const evaluateCondition = (value: unknown, context: EvaluationContext, path: Path): boolean | UnknownValue => {
  if (isRecord(value) && typeof value.Condition === "string" && Object.keys(value).length === 1)
    return context.condition(value.Condition);
  const result = evaluate(value, context, path);
  if (isUnknown(result) || typeof result === "boolean") return result;
  if (result === "true" || result === "false") return result === "true";
  return context.fail(
    "a condition must evaluate to true or false",
    path,
    "use Fn::Equals, Fn::Not, Fn::And, Fn::Or or a Condition",
  );
};

const list = (argument: unknown, length: number, name: string, context: EvaluationContext, path: Path): unknown[] => {
  if (!Array.isArray(argument) || argument.length < length)
    context.fail(`${name} takes a list of ${length} arguments`, path);
  return argument;
};

const arg = (value: unknown, index: number, context: EvaluationContext, path: Path): unknown => {
  path.push(index);
  const result = evaluate(value, context, path);
  path.pop();
  return result;
};

const scalarText = (value: unknown, what: string, context: EvaluationContext, path: Path): string => {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return context.fail(`${what} must be a string, found ${Array.isArray(value) ? "a list" : typeof value}`, path);
};

const toIndex = (value: unknown): number => (typeof value === "number" ? value : Number(value));

const sameValue = (a: unknown, b: unknown): boolean =>
  typeof a === "object" || typeof b === "object" ? JSON.stringify(a) === JSON.stringify(b) : String(a) === String(b);

const firstUnknown = (values: unknown[]): UnknownValue | undefined => firstUnknownOf(values);

const containsUnknown = (value: unknown): UnknownValue | undefined => {
  if (isUnknown(value)) return value;
  if (Array.isArray(value))
    for (const item of value) {
      const found = containsUnknown(item);
      if (found) return found;
    }
  else if (isRecord(value))
    for (const key in value) {
      const found = containsUnknown(value[key]);
      if (found) return found;
    }
  return undefined;
};

const conditionArgs = (
  argument: unknown,
  name: string,
  context: EvaluationContext,
  path: Path,
): (boolean | UnknownValue)[] => {
  if (!Array.isArray(argument) || argument.length === 0)
    return context.fail(`${name} takes a list of conditions`, path);
  return argument.map((item, i) => {
    path.push(i);
    const result = evaluateCondition(item, context, path);
    path.pop();
    return result;
  });
};

const sub: Fn = (argument, context, path) => {
  const [template, rawVariables] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof template !== "string") return context.fail("Fn::Sub takes a string or [string, { variables }]", path);
  const variables = isRecord(rawVariables) ? rawVariables : {};
  let text = "";
  const unknowns: UnknownValue[] = [];
  for (const part of parseSub(template)) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const name = part.variable;
    const dot = name.indexOf(".");
    let value: unknown;
    if (name in variables) {
      path.push(1, name);
      value = evaluate(variables[name], context, path);
      path.pop();
      path.pop();
    } else if (dot > 0 && !PSEUDO_PARAMETERS.has(name)) value = context.getAtt(name.slice(0, dot), name.slice(dot + 1));
    else value = context.ref(name);
    if (isUnknown(value)) unknowns.push(value);
    else text += scalarText(value, `Fn::Sub variable ${name}`, context, path);
  }
  return firstUnknown(unknowns) ?? text;
};

const splitAttribute = (text: string): string[] => [
  text.slice(0, text.indexOf(".")),
  text.slice(text.indexOf(".") + 1),
];

const FUNCTIONS: Record<string, Fn> = {
  Ref: (argument, context) => (argument === "AWS::NoValue" ? NO_VALUE : context.ref(String(argument))),

  "Fn::GetAtt": (argument, context, path) => {
    const parts = typeof argument === "string" && argument.includes(".") ? splitAttribute(argument) : argument;
    const [resource, rawAttribute] = list(parts, 2, "Fn::GetAtt", context, path);
    const attribute = arg(rawAttribute, 1, context, path);
    if (isUnknown(attribute)) return attribute;
    return context.getAtt(String(resource), scalarText(attribute, "the Fn::GetAtt attribute", context, path));
  },

  "Fn::Sub": sub,

  "Fn::Join": (argument, context, path) => {
    const [delimiter, rawItems] = list(argument, 2, "Fn::Join", context, path);
    const items = arg(rawItems, 1, context, path);
    if (isUnknown(items)) return derivedUnknown(items);
    if (!Array.isArray(items)) return context.fail("Fn::Join needs a list of values to join", path);
    const unknown = firstUnknown(items);
    if (unknown) return unknown;
    return items
      .map((item) => scalarText(item, "each value joined by Fn::Join", context, path))
      .join(String(delimiter));
  },

  "Fn::Select": (argument, context, path) => {
    const [rawIndex, rawItems] = list(argument, 2, "Fn::Select", context, path);
    const index = arg(rawIndex, 0, context, path);
    const items = arg(rawItems, 1, context, path);
    if (isUnknown(index)) return derivedUnknown(index);
    if (isUnknown(items)) return derivedUnknown(items);
    if (!Array.isArray(items)) return context.fail("Fn::Select needs a list to select from", path);
    const at = toIndex(index);
    if (SYNTHETIC_ZONES.has(items) && Number.isInteger(at) && at >= items.length)
      return unknownValue(
        `Availability Zone #${at} of the region: only ${items.length} zones are modelled before deploy`,
      );
    if (!Number.isInteger(at) || at < 0 || at >= items.length)
      return context.fail(`Fn::Select index ${String(index)} is out of range for a list of ${items.length}`, path);
    return items[at];
  },

  "Fn::Split": (argument, context, path) => {
    const [delimiter, rawSource] = list(argument, 2, "Fn::Split", context, path);
    const source = arg(rawSource, 1, context, path);
    if (isUnknown(source)) return derivedUnknown(source);
    return scalarText(source, "the string split by Fn::Split", context, path).split(String(delimiter));
  },

  "Fn::If": (argument, context, path) => {
    const [name, whenTrue, whenFalse] = list(argument, 3, "Fn::If", context, path);
    const holds = context.condition(String(name));
    if (isUnknown(holds)) {
      context.branchOn(String(name), holds);
      // A value of its own: the condition's unknown is shared by everything that reads the condition.
      const undecided = unknownValue(holds.reason);
      UNDECIDED_BRANCHES.add(undecided);
      return undecided;
    }
    return arg(holds ? whenTrue : whenFalse, holds ? 1 : 2, context, path);
  },

  "Fn::Equals": (argument, context, path) => {
    const [rawLeft, rawRight] = list(argument, 2, "Fn::Equals", context, path);
    const left = arg(rawLeft, 0, context, path);
    const right = arg(rawRight, 1, context, path);
    return firstUnknown([left, right]) ?? sameValue(left, right);
  },

  "Fn::Not": (argument, context, path) => {
    const [value] = conditionArgs(argument, "Fn::Not", context, path);
    return isUnknown(value) ? value : !value;
  },

  "Fn::And": (argument, context, path) => {
    const values = conditionArgs(argument, "Fn::And", context, path);
    return values.includes(false) ? false : (firstUnknown(values) ?? true);
  },

  "Fn::Or": (argument, context, path) => {
    const values = conditionArgs(argument, "Fn::Or", context, path);
    return values.includes(true) ? true : (firstUnknown(values) ?? false);
  },

  "Fn::FindInMap": (argument, context, path) => {
    const raw = list(argument, 3, "Fn::FindInMap", context, path);
    const keys = raw.slice(0, 3).map((key, i) => arg(key, i, context, path));
    const unknown = firstUnknown(keys);
    if (unknown) return unknown;
    const [mapName, topKey, secondKey] = keys.map((key) => scalarText(key, "a Fn::FindInMap key", context, path));
    const mapping = context.mappings[mapName];
    if (!isRecord(mapping)) return context.fail(`Fn::FindInMap: there is no mapping ${mapName} under Mappings`, path);
    const value = isRecord(mapping[topKey]) ? (mapping[topKey] as Record<string, unknown>)[secondKey] : undefined;
    if (value !== undefined) return value;
    const options = raw[3];
    if (isRecord(options) && "DefaultValue" in options) return arg(options.DefaultValue, 3, context, path);
    return context.fail(
      `Fn::FindInMap: mapping ${mapName} has no entry ${topKey}.${secondKey}`,
      path,
      "add the entry to the mapping or a DefaultValue",
    );
  },

  "Fn::GetAZs": (argument, context, path) => {
    const region = evaluate(argument ?? "", context, path);
    if (isUnknown(region)) return region;
    const zones = availabilityZones(region === "" ? context.env.region : String(region));
    SYNTHETIC_ZONES.add(zones);
    return zones;
  },

  "Fn::ImportValue": (argument, context, path) => {
    const name = evaluate(argument, context, path);
    if (isUnknown(name)) return name;
    return context.importValue(scalarText(name, "the Fn::ImportValue export name", context, path));
  },

  "Fn::Base64": (argument, context, path) => {
    const value = evaluate(argument, context, path);
    if (isUnknown(value)) return derivedUnknown(value);
    return Buffer.from(scalarText(value, "the Fn::Base64 input", context, path), "utf8").toString("base64");
  },

  "Fn::Cidr": (argument, context, path) => {
    const values = list(argument, 3, "Fn::Cidr", context, path).map((value, i) => arg(value, i, context, path));
    const unknown = firstUnknown(values);
    if (unknown) return unknown;
    const result = cidrSubnets(String(values[0]), toIndex(values[1]), toIndex(values[2]));
    return typeof result === "string" ? context.fail(`Fn::Cidr: ${result}`, path) : result;
  },

  "Fn::Length": (argument, context, path) => {
    const value = evaluate(argument, context, path);
    if (isUnknown(value)) return value;
    if (!Array.isArray(value)) return context.fail("Fn::Length needs a list", path);
    return value.length;
  },

  "Fn::ToJsonString": (argument, context, path) => {
    const value = evaluate(argument, context, path);
    return containsUnknown(value) ?? JSON.stringify(value);
  },

  "Fn::Transform": (argument) => {
    const name = isRecord(argument) ? String(argument.Name) : "a macro";
    return unknownValue(`produced by the macro ${name} at deploy time`);
  },

  "Fn::GetStackOutput": () => unknownValue("read from another stack's output at deploy time"),
};
