import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import { TemplateError } from "../../../kernel/errors";
import { findJsonSyntaxProblem } from "./json-syntax";
import { indentQuotedContinuations } from "./lenient-yaml";
import { jsonKeyPositions, type KeyPositions, positionOfOffset, yamlKeyPositions } from "./locate";
import { didYouMean } from "./suggest";
import { cloudFormationTags, SHORT_FORM_TAGS } from "./yaml-tags";

/** A template file read and parsed, before any CloudFormation-level checks. */
export interface ParsedFile {
  readonly file: string;
  readonly format: "json" | "yaml";
  /** The whole document (normally a map; checked by the validator). */
  readonly body: unknown;
  readonly positions: KeyPositions;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const mebibytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Reads a file as text, refusing files over the size limit before reading them. */
/** Sync on purpose: nested stacks are loaded while evaluating their parent, which is synchronous. */
export const readTemplateText = (file: string, maxFileBytes: number): string => {
  const { size } = statSync(file);
  if (size > maxFileBytes)
    throw new TemplateError(
      `template file is too large: ${size} bytes (${mebibytes(size)}), the limit is ${maxFileBytes} bytes (${mebibytes(maxFileBytes)})`,
      { file },
      "raise the limit (maxFileBytes) if this really is one template",
    );
  const text = readFileSync(file, "utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

export const formatOf = (file: string, text: string): "json" | "yaml" => {
  const extension = extname(file).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".yaml" || extension === ".yml") return "yaml";
  return /^\s*\{/.test(text) ? "json" : "yaml";
};

const parseJson = (file: string, text: string): ParsedFile => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    const offset = problem?.offset ?? text.length;
    const { line, column } = positionOfOffset(text, offset);
    const message = problem?.message ?? (error instanceof Error ? error.message : String(error));
    throw new TemplateError(`invalid JSON: ${message}`, { file, line, column }, "fix the JSON syntax at this place", {
      cause: error,
    });
  }
  return { file, format: "json", body, positions: jsonKeyPositions(text) };
};

const parseYamlDocument = (text: string) => {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    customTags: cloudFormationTags,
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  return { lines, document };
};

/**
 * A quoted scalar continued at its key's indentation is an error to the `yaml` package and fine
 * to CloudFormation: when the text has one, it is read as CloudFormation reads it (see
 * lenient-yaml.ts). Any other error is reported from the text as written.
 */
const parseYamlLeniently = (text: string) => {
  const strict = parseYamlDocument(text);
  if (strict.document.errors.length === 0) return strict;
  const indented = indentQuotedContinuations(text);
  if (indented === undefined) return strict;
  const lenient = parseYamlDocument(indented);
  return lenient.document.errors.length === 0 ? lenient : strict;
};

const parseYaml = (file: string, text: string): ParsedFile => {
  const { lines, document } = parseYamlLeniently(text);
  const problem = document.errors[0] ?? document.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (problem) {
    const { line, col } = lines.linePos(problem.pos[0]);
    const place = { file, line: Math.max(line, 1), column: col };
    const tag = problem.code === "TAG_RESOLVE_FAILED" ? /!\S+/.exec(problem.message)?.[0] : undefined;
    if (tag !== undefined)
      throw new TemplateError(
        `unknown YAML tag ${tag}`,
        place,
        didYouMean(tag, SHORT_FORM_TAGS, `CloudFormation's short forms are ${SHORT_FORM_TAGS.join(", ")}`),
      );
    throw new TemplateError(`invalid YAML: ${problem.message}`, place, "fix the YAML syntax at this place");
  }
  const body: unknown = document.toJS({ maxAliasCount: 10_000 });
  const positions = isMap(document.contents) ? yamlKeyPositions(document.contents, lines) : new Map();
  return { file, format: "yaml", body, positions };
};

export const parseTemplateText = (file: string, text: string): ParsedFile =>
  formatOf(file, text) === "json" ? parseJson(file, text) : parseYaml(file, text);
