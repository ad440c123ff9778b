import { isNode, parseDocument } from "yaml";
import { findJsonSyntaxProblem } from "../../adapters/template/json-syntax";
import { estimateDocumentSchema, type ParsedEstimateDocument } from "../../cost/document";
import { type DocumentFile, type DocumentFinding, type DocumentPlace, describePlace } from "../types";

type Path = readonly PropertyKey[];

export type ReadEstimate =
  | { readonly ok: true; readonly document: ParsedEstimateDocument; readonly placeOf: (path: Path) => DocumentPlace }
  | { readonly ok: false; readonly findings: readonly DocumentFinding[] };

/** At most this many schema problems are named per file: the first ones say what kind of file it is. */
const MAX_PROBLEMS = 5;

/**
 * Parses a cost estimate document (the JSON `readiness cost` writes). Invalid JSON and a document of
 * the wrong shape are `fail` findings naming the file, line and column, never exceptions.
 */
export const readEstimate = (file: DocumentFile): ReadEstimate => {
  const placeAt = (offset: number): DocumentPlace => ({ file: file.path, ...positionOf(file.text, offset) });
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch {
    const problem = findJsonSyntaxProblem(file.text) ?? { offset: 0, message: "not JSON" };
    return fail(
      placeAt(problem.offset),
      `invalid JSON: ${problem.message}; a cost estimate is the JSON \`readiness cost --output FILE.json\` writes`,
    );
  }
  const tree = parseDocument(file.text, { uniqueKeys: false });
  const placeOf = (path: Path): DocumentPlace => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? tree.contents : tree.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return placeAt(node.range[0]);
    }
    return { file: file.path, line: 1, column: 1 };
  };
  const parsed = estimateDocumentSchema.safeParse(data);
  if (parsed.success) return { ok: true, document: parsed.data, placeOf };
  const findings = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const place = placeOf(issue.path);
    const at = issue.path.length ? `${formatPath(issue.path)}: ` : "";
    return finding(place, `not a cost estimate of schemaVersion 1: ${at}${issue.message}`);
  });
  return { ok: false, findings };
};

/** 1-based line and column of an offset. */
const positionOf = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
};

const finding = (place: DocumentPlace, reason: string): DocumentFinding => ({
  status: "fail",
  reason: `${describePlace(place)}: ${reason}`,
  place,
});

const fail = (place: DocumentPlace, reason: string): ReadEstimate => ({
  ok: false,
  findings: [finding(place, reason)],
});

/** ["lines", 3, "service"] → "lines[3].service" */
const formatPath = (path: Path): string =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
