import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { DocumentFile, DocumentFinding, DocumentPlace } from "../types";

/**
 * The failure-mode manifest from the architecture review: a YAML list of modes, each with an
 * `id`, a `description` and the `alerts` that cover it. The list may also sit under a top-level
 * `failureModes` key.
 */
export interface FailureMode {
  readonly id: string;
  readonly description?: string;
  readonly alerts: readonly string[];
  readonly place: DocumentPlace;
}

export interface FailureModeManifest {
  readonly modes: readonly FailureMode[];
  /** What makes the manifest unreadable or a mode incomplete: failing findings with file and line. */
  readonly problems: readonly DocumentFinding[];
}

export const readFailureModes = (file: DocumentFile): FailureModeManifest => {
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (node: Node | null | undefined): DocumentPlace => {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: file.path };
    const { line, col } = lines.linePos(offset);
    return { file: file.path, line, column: col };
  };
  const problems: DocumentFinding[] = [];
  const fail = (reason: string, place: DocumentPlace) => problems.push({ status: "fail", reason, place });
  if (doc.errors.length > 0) {
    const { line, col } = lines.linePos(doc.errors[0].pos[0]);
    fail(`${file.path}:${line}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`, {
      file: file.path,
      line,
      column: col,
    });
    return { modes: [], problems };
  }
  let list: unknown = doc.contents;
  if (isMap(list)) list = list.get("failureModes", true);
  if (!isSeq(list)) {
    fail(
      `${file.path}: not a failure-mode manifest: expected a YAML list of modes (id, description, alerts), or one under failureModes`,
      at(doc.contents as Node),
    );
    return { modes: [], problems };
  }
  const modes: FailureMode[] = [];
  const ids = new Map<string, DocumentPlace>();
  list.items.forEach((item, index) => {
    const place = at(item as Node);
    const where = `${file.path}:${place.line}`;
    if (!isMap(item)) {
      fail(`${where}: failure mode ${index + 1} is not a mapping with id, description and alerts`, place);
      return;
    }
    const id = item.get("id");
    if (typeof id !== "string" && typeof id !== "number") {
      fail(`${where}: failure mode ${index + 1} has no id`, place);
      return;
    }
    const modeId = String(id);
    const earlier = ids.get(modeId);
    if (earlier) fail(`${where}: failure mode ${modeId} is listed twice (first at line ${earlier.line})`, place);
    ids.set(modeId, place);
    const alertsNode = item.get("alerts", true);
    const alerts = isSeq(alertsNode)
      ? alertsNode.items.flatMap((a) => (isScalar(a) && a.value !== null && a.value !== "" ? [String(a.value)] : []))
      : isScalar(alertsNode) && typeof alertsNode.value === "string"
        ? [alertsNode.value]
        : [];
    const description = item.get("description");
    modes.push({ id: modeId, ...(typeof description === "string" ? { description } : {}), alerts, place });
  });
  return { modes, problems };
};
