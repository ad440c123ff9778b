import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseAllDocuments } from "yaml";
import { goYamlV2Data } from "./go-yaml-v2-merge";
import { type DocumentFile, type DocumentFinding, type DocumentPlace, describePlace } from "../types";

/**
 * YAML (and JSON, which YAML 1.2 reads) with the place of every node, so a decider's finding can
 * name the file and line of what it is about. Reading never throws: a document that cannot be
 * parsed becomes one failing finding that names the file, the line and the parser's message.
 */

export type YamlPath = readonly (string | number)[];

export interface LocatedDocument {
  readonly data: unknown;
  /** The place of the key (or list item) at `path`, or of its nearest ancestor that exists. */
  readonly placeOf: (path: YamlPath) => DocumentPlace;
}

export type YamlReading =
  | { readonly ok: true; readonly documents: readonly LocatedDocument[] }
  | { readonly ok: false; readonly finding: DocumentFinding };

/** A failing finding whose reason starts with the place: "ops/slo.yaml:3:5: …". */
export const failAt = (place: DocumentPlace, message: string, subject?: string): DocumentFinding => ({
  status: "fail",
  reason: `${describePlace(place)}: ${message}`,
  place,
  ...(subject ? { subject } : {}),
});

export interface YamlOptions {
  /**
   * YAML 1.1 merge keys (`<<: *defaults`) merged as Go's yaml.v2 merges them when it decodes
   * (go-yaml-v2-merge.ts), with the keys of `appendingLists` appending; without it `<<` is an
   * ordinary key (YAML 1.2), as for readers without merge keys (e.g. GitHub Actions).
   */
  readonly goYamlV2Merge?: { readonly appendingLists: ReadonlySet<string> };
}

/** Every document of a YAML stream (`---` separated); documents holding nothing are left out. */
export const readYaml = (file: DocumentFile, options: YamlOptions = {}): YamlReading => {
  const lines = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    // logLevel error: the parser's warnings (e.g. a collection used as a key) are not printed on the run's output.
    docs = parseAllDocuments(file.text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      logLevel: "error",
      merge: options.goYamlV2Merge !== undefined,
    });
  } catch (error) {
    // The parser recurses per nesting level: thousands of levels exhaust the stack.
    const message = error instanceof RangeError ? "nested too deeply to read" : (error as Error).message;
    return { ok: false, finding: failAt({ file: file.path, line: 1 }, `invalid YAML: ${message}`) };
  }
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      const place = { file: file.path, line, column: col };
      const message = error.message.includes("Maximum call stack")
        ? "nested too deeply to read"
        : error.message.split("\n")[0];
      return { ok: false, finding: failAt(place, `invalid YAML: ${message}`) };
    }
  }
  const documents: LocatedDocument[] = [];
  for (const doc of docs) {
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // yaml refuses alias bombs here ("Excessive alias count"); deep nesting exhausts the stack.
      const line = doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : 1;
      const message = error instanceof RangeError ? "nested too deeply to read" : (error as Error).message;
      return { ok: false, finding: failAt({ file: file.path, line }, `invalid YAML: ${message}`) };
    }
    if (data === null || data === undefined) continue;
    if (isCyclic(data)) {
      const line = doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : 1;
      const message = "invalid YAML: an alias refers to a node that contains it (the document has no end)";
      return { ok: false, finding: failAt({ file: file.path, line }, message) };
    }
    if (options.goYamlV2Merge) data = goYamlV2Data(doc, options.goYamlV2Merge.appendingLists);
    documents.push({ data, placeOf: locator(doc, lines, file.path) });
  }
  if (documents.length === 0) return { ok: false, finding: failAt({ file: file.path, line: 1 }, "the file is empty") };
  return { ok: true, documents };
};

/** A recursive alias (`a: &a [*a]`) makes toJS return a cycle; walked without recursion. */
const isCyclic = (root: unknown): boolean => {
  const onPath = new Set<object>();
  const stack: { node: object; children?: unknown[] }[] = [];
  const push = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null) return false;
    if (onPath.has(value)) return true;
    onPath.add(value);
    stack.push({ node: value });
    return false;
  };
  if (push(root)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    top.children ??= Object.values(top.node);
    if (top.children.length === 0) {
      onPath.delete(top.node);
      stack.pop();
    } else if (push(top.children.pop())) return true;
  }
  return false;
};

/** Reads a file that must hold exactly one document. */
export const readSingleYaml = (
  file: DocumentFile,
  options: YamlOptions = {},
):
  | { readonly ok: true; readonly document: LocatedDocument }
  | { readonly ok: false; readonly finding: DocumentFinding } => {
  const reading = readYaml(file, options);
  if (!reading.ok) return reading;
  const [first, second] = reading.documents;
  if (second) return { ok: false, finding: failAt(second.placeOf([]), "expected one YAML document, found several") };
  return { ok: true, document: first! };
};

const locator =
  (doc: Document, lines: LineCounter, file: string) =>
  (path: YamlPath): DocumentPlace => {
    for (let depth = path.length; depth >= 0; depth--) {
      const offset = offsetOf(doc, path.slice(0, depth));
      if (offset === undefined) continue;
      const { line, col } = lines.linePos(offset);
      return { file, line, column: col };
    }
    return { file };
  };

/** A mapping entry is found at its key (its value may be null, or a block starting a line below). */
const offsetOf = (doc: Document, path: YamlPath): number | undefined => {
  if (path.length === 0) return isNode(doc.contents) ? doc.contents.range?.[0] : undefined;
  const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
    return isPair(pair) && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  }
  const node: unknown = doc.getIn(path as unknown[], true);
  return isNode(node) ? node.range?.[0] : undefined;
};

/** A plain object (a YAML mapping), not a list or a scalar. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What a value is, for "expected …, got …" reasons: "a list", "a mapping", "string \"x\"". */
export const kindOf = (value: unknown): string =>
  value === null || value === undefined
    ? "nothing"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "a mapping"
        : `${typeof value} ${JSON.stringify(value)}`;
