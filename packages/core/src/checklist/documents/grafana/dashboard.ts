import type { DocumentFile, DocumentFinding, DocumentPlace } from "../types";
import { jsonKeyLines, objectsWithKey } from "./json-key-lines";

/**
 * A Grafana dashboard JSON: its panels and their PromQL queries, with lines. Both layouts are
 * read: the classic one (`rows[].panels[]`) and the current one (`panels[]`, schemaVersion ≥ 16,
 * datasource references as objects from 36), where a row is a panel of type `row` that holds its
 * panels in `panels` when collapsed and is followed by them when expanded. The export wrapper of
 * the HTTP API (`{ "dashboard": {…}, "meta": {…} }`) is unwrapped.
 */
export interface PanelQuery {
  readonly expr: string;
  readonly place: DocumentPlace;
}

export interface DashboardPanel {
  readonly title: string;
  readonly description: string;
  readonly queries: readonly PanelQuery[];
  readonly place: DocumentPlace;
}

export interface Dashboard {
  readonly path: string;
  readonly title: string;
  readonly panels: readonly DashboardPanel[];
  readonly problems: readonly DocumentFinding[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export const readDashboard = (file: DocumentFile): Dashboard => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.text);
  } catch (error) {
    const reason = `${file.path}: not valid JSON: ${(error as Error).message}`;
    return {
      path: file.path,
      title: "",
      panels: [],
      problems: [{ status: "fail", reason, place: { file: file.path } }],
    };
  }
  const root = isObject(parsed) && isObject(parsed["dashboard"]) ? parsed["dashboard"] : parsed;
  if (!isObject(root) || (!Array.isArray(root["panels"]) && !Array.isArray(root["rows"]))) {
    const reason = `${file.path}: not a Grafana dashboard: no panels (nor classic rows) at the top level`;
    return {
      path: file.path,
      title: "",
      panels: [],
      problems: [{ status: "fail", reason, place: { file: file.path } }],
    };
  }
  const lineOf = linesFor(parsed, file.text);
  const panels: DashboardPanel[] = [];
  const visit = (panel: unknown) => {
    if (!isObject(panel)) return;
    const targets = Array.isArray(panel["targets"]) ? panel["targets"] : [];
    const queries = targets.flatMap((target): PanelQuery[] =>
      isObject(target) && typeof target["expr"] === "string" && target["expr"].trim() !== ""
        ? [{ expr: target["expr"], place: { file: file.path, ...lineAt(lineOf("expr", target)) } }]
        : [],
    );
    if (panel["type"] !== "row" || queries.length > 0)
      panels.push({
        title: typeof panel["title"] === "string" ? panel["title"] : "",
        description: typeof panel["description"] === "string" ? panel["description"] : "",
        queries,
        place: { file: file.path, ...lineAt(lineOf("title", panel) ?? queries[0]?.place.line) },
      });
    if (Array.isArray(panel["panels"])) for (const nested of panel["panels"]) visit(nested);
  };
  for (const row of Array.isArray(root["rows"]) ? root["rows"] : [])
    if (isObject(row) && Array.isArray(row["panels"])) for (const panel of row["panels"]) visit(panel);
  for (const panel of Array.isArray(root["panels"]) ? root["panels"] : []) visit(panel);
  return { path: file.path, title: typeof root["title"] === "string" ? root["title"] : "", panels, problems: [] };
};

const lineAt = (line: number | undefined): { line?: number } => (line ? { line } : {});

/** The line of an object's `expr` or `title` key, when the scan and the walk agree on the count. */
const linesFor = (parsed: unknown, text: string) => {
  const keys = new Set(["expr", "title"]);
  const lines = jsonKeyLines(text, keys);
  const ordinals = new Map<string, Map<object, number>>();
  for (const key of keys) {
    const order = new Map<object, number>();
    objectsWithKey(parsed, key, (object) => order.set(object, order.size));
    // Duplicate keys in one object (JSON.parse keeps the last) would shift every later line: give none then.
    ordinals.set(key, order.size === lines.get(key)!.length ? order : new Map());
  }
  return (key: string, object: object): number | undefined => {
    const index = ordinals.get(key)!.get(object);
    return index === undefined ? undefined : lines.get(key)![index];
  };
};
