import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from "yaml";
import type { $ZodIssue } from "zod/v4/core";
import { ConfigFileError, type InputPlace } from "../../kernel/errors";
import { closestMatch } from "../../kernel/suggest";
import { fullConfigSchema } from "./full-schema";
import { DEFAULT_CONFIG, type ReadinessConfig } from "./schema";

/** The file `readiness check` picks up from the working directory when no --config is given. */
export const DEFAULT_CONFIG_FILE = "readiness.yml";

/** A readiness.yml with several problems: every problem is reported, each with its place and fix. */
export class ConfigValidationError extends ConfigFileError {
  constructor(readonly problems: readonly ConfigFileError[]) {
    super(problems[0].message, problems[0].place, problems[0].hint);
  }

  override describe(): string {
    if (this.problems.length === 1) return this.problems[0].describe();
    const lines = this.problems.map((p) => p.describe().replace(/\n/g, "\n  "));
    return `${this.problems.length} problems in ${this.place?.file ?? "the configuration"}:\n  ${lines.join("\n  ")}`;
  }
}

export interface LoadedConfig {
  readonly config: ReadinessConfig;
  /** The file read, or undefined when the defaults are used. */
  readonly file?: string;
}

/** The config file to read: the explicit path, else ./readiness.yml when it exists, else none. */
export const findConfigFile = (explicit: string | undefined, cwd: string = process.cwd()): string | undefined => {
  if (explicit !== undefined) return resolve(cwd, explicit);
  const implicit = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(implicit) ? implicit : undefined;
};

/** Loads and validates readiness.yml; without a file (none given, none in the cwd) returns the defaults. */
export const loadConfigFile = async (path?: string, options: { cwd?: string } = {}): Promise<LoadedConfig> => {
  const file = findConfigFile(path, options.cwd);
  if (file === undefined) return { config: DEFAULT_CONFIG };
  // Problems name the file as the user knows it: the --config value, or plain readiness.yml.
  const shown = path ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : String(error);
    throw new ConfigFileError(
      `cannot read readiness config: ${what}`,
      { file: shown },
      "pass the path of a readiness.yml with --config, or omit --config to use the defaults",
      { cause: error },
    );
  }
  return { config: parseConfig(text, shown), file };
};

export const loadConfig = async (path?: string, options: { cwd?: string } = {}): Promise<ReadinessConfig> =>
  (await loadConfigFile(path, options)).config;

/** Parses and validates readiness.yml text; `file` is only used to name the place of a problem. */
export const parseConfig = (text: string, file: string): ReadinessConfig => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigValidationError(
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return new ConfigFileError(
          `invalid YAML: ${error.message.split("\n")[0]}`,
          { file, line, column: col },
          "fix the YAML syntax at this place",
        );
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses alias bombs here ("Excessive alias count").
    throw new ConfigFileError(`invalid YAML: ${(error as Error).message}`, { file }, "use fewer YAML aliases", {
      cause: error,
    });
  }
  if (data === null || data === undefined)
    throw new ConfigFileError("the file is empty", { file, line: 1, column: 1 }, 'start it with "version: 1"');
  if (typeof data !== "object" || Array.isArray(data))
    throw new ConfigFileError(
      `expected a mapping of fields at the top level, got ${kindOf(data)}`,
      { file, line: 1, column: 1 },
      'start it with "version: 1", then "services:" and "rules:"',
    );
  const parsed = fullConfigSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const locate = locator(doc, lineCounter, file);
  const problems = parsed.error.issues.flatMap((issue) => explainIssue(issue, data, locate));
  throw new ConfigValidationError(problems.sort(byPlace));
};

const byPlace = (a: ConfigFileError, b: ConfigFileError): number =>
  (a.place?.line ?? 0) - (b.place?.line ?? 0) || (a.place?.column ?? 0) - (b.place?.column ?? 0);

type Path = readonly PropertyKey[];
type Locate = (path: Path, key?: string) => InputPlace;

/** `services[1].role` */
export const formatPath = (path: Path): string =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );

/** The place of the node at `path` (or of `key` inside it), falling back to the nearest ancestor that exists. */
const locator =
  (doc: Document, lineCounter: LineCounter, file: string): Locate =>
  (path, key) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (!isNode(node) || !node.range) continue;
      let offset = node.range[0];
      if (key !== undefined && depth === path.length && isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
        if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      }
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col, path: formatPath(path) || undefined };
    }
    return { file };
  };

const valueAt = (data: unknown, path: Path): unknown => {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
};

const kindOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "a mapping"
        : `${typeof value} ${JSON.stringify(value)}`;

const EXPECTED: Record<string, string> = {
  object: "a mapping of fields",
  array: "a list",
  string: "a string",
  number: "a number",
  boolean: "true or false",
};

const explainIssue = (issue: $ZodIssue, data: unknown, locate: Locate): ConfigFileError[] => {
  const path = issue.path;
  const field = formatPath(path);
  if (issue.code === "unrecognized_keys") {
    const allowed = fieldsAt(path);
    return issue.keys.map((key) => {
      const guess = closestMatch(key, allowed);
      const list =
        allowed.length <= 8 ? `allowed fields here: ${allowed.join(", ")}` : "see `readiness items` for the item ids";
      const place = { ...locate(path, key), path: formatPath([...path, key]) };
      return new ConfigFileError(`unknown field "${key}"`, place, guess ? `did you mean "${guess}"? ${list}` : list);
    });
  }
  const value = valueAt(data, path);
  const place = locate(path);
  if (value === undefined) {
    const parent = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    return [
      new ConfigFileError(
        `missing required field "${key}"`,
        { ...locate(parent), path: field },
        `add "${key}: ${exampleFor(issue)}"`,
      ),
    ];
  }
  switch (issue.code) {
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      const guess = typeof value === "string" ? closestMatch(value, allowed) : undefined;
      return [
        new ConfigFileError(
          `invalid value ${JSON.stringify(value)}`,
          place,
          `allowed values: ${allowed.join(", ")}${guess ? ` (did you mean "${guess}"?)` : ""}`,
        ),
      ];
    }
    case "invalid_type":
      return [
        new ConfigFileError(
          `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(value)}`,
          place,
          `write ${EXPECTED[issue.expected] ?? issue.expected} here`,
        ),
      ];
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const relation = issue.code === "too_small" ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<";
      const what = issue.origin === "string" ? "length" : issue.origin === "array" ? "number of entries" : "value";
      return [
        new ConfigFileError(
          `${what} ${JSON.stringify(value)} is out of range`,
          place,
          `use a ${what} ${relation} ${String(bound)}`,
        ),
      ];
    }
    default:
      return [new ConfigFileError(issue.message, place, "see docs/readiness-yml.md for the allowed values")];
  }
};

const exampleFor = (issue: $ZodIssue): string => {
  if (issue.code === "invalid_value") return issue.values.map((v) => String(v)).join(" | ");
  if (issue.code === "invalid_type") return issue.expected === "string" ? "<name>" : `<${issue.expected}>`;
  return "<value>";
};

/** The field names the schema allows at `path` (an object's keys), for "did you mean". */
const fieldsAt = (path: Path): string[] => {
  let schema: unknown = fullConfigSchema;
  for (const key of path) {
    schema = unwrap(schema);
    const def = defOf(schema);
    if (def?.type === "array") schema = def.element;
    else if (def?.type === "object") schema = (def.shape as Record<string, unknown>)[String(key)];
    else return [];
  }
  const def = defOf(unwrap(schema));
  return def?.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : [];
};

const defOf = (schema: unknown): Record<string, unknown> | undefined =>
  (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;

const unwrap = (schema: unknown): unknown => {
  let current = schema;
  for (let def = defOf(current); def && (def.type === "optional" || def.type === "default"); def = defOf(current))
    current = def.innerType;
  return current;
};
