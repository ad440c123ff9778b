import type { DocumentFile, DocumentFinding, DocumentPlace } from "../types";
import { jsonKeyLines, objectsWithKey } from "./json-key-lines";

/**
 * A Grafana dashboard JSON: its panels and their PromQL queries, with lines. Both layouts are
 * read: the classic one (`rows[].panels[]`) and the current one (`panels[]`, schemaVersion ≥ 16,
 * datasource references as objects from 36), where a row is a panel of type `row` that holds its
 * panels in `panels` when collapsed and is followed by them when expanded. The export wrapper of
 * the HTTP API (`{ "dashboard": {…}, "meta": {…} }`) is unwrapped, and so is Grafana 12's
 * resource form (`kind: Dashboard`, the dashboard in `spec`; the v2 schema's `spec.elements`
 * are its panels). A panel that shows a library panel (`libraryPanel.uid`) has its queries in the
 * library element, which Grafana keeps apart: a library element's JSON (its HTTP API export,
 * `{ uid, name, model }`) among the dashboards supplies them (`readDashboards`).
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
  /** The library panel this panel shows; `element` is the file its queries were read from, when one was given. */
  readonly libraryPanel?: { readonly uid: string; readonly name: string; readonly element?: string };
  /** Queries of another data source (SQL, CloudWatch, Graphite…: no `expr`), which are not read. */
  readonly otherQueries?: number;
}

export interface Dashboard {
  readonly path: string;
  readonly title: string;
  readonly panels: readonly DashboardPanel[];
  readonly problems: readonly DocumentFinding[];
  /** Set when the file is a library element rather than a dashboard: its uid. */
  readonly libraryElementUid?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export const readDashboard = (file: DocumentFile): Dashboard => {
  let parsed: unknown;
  try {
    // A byte-order mark (editors on Windows write one) is not part of the JSON; JSON.parse refuses it.
    parsed = JSON.parse(file.text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = `${file.path}: not valid JSON: ${(error as Error).message}`;
    return {
      path: file.path,
      title: "",
      panels: [],
      problems: [{ status: "fail", reason, place: { file: file.path } }],
    };
  }
  const root = dashboardRoot(parsed);
  const element = libraryElementOf(root);
  const v2Elements = isObject(root) && isObject(root["elements"]) ? root["elements"] : undefined;
  if (!isObject(root) || (!Array.isArray(root["panels"]) && !Array.isArray(root["rows"]) && !element && !v2Elements)) {
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
  const queryOf = (holder: unknown): PanelQuery[] =>
    isObject(holder) && typeof holder["expr"] === "string" && holder["expr"].trim() !== ""
      ? [{ expr: holder["expr"], place: { file: file.path, ...lineAt(lineOf("expr", holder)) } }]
      : [];
  const add = (panel: Json, queries: PanelQuery[], isRow: boolean, into = panels, isElement = !!element) => {
    const library = isObject(panel["libraryPanel"]) ? panel["libraryPanel"] : undefined;
    const libraryUid = library && typeof library["uid"] === "string" ? library["uid"] : undefined;
    const libraryName = library && typeof library["name"] === "string" ? library["name"] : "";
    if (isRow && queries.length === 0) return;
    const targets = Array.isArray(panel["targets"]) ? panel["targets"].filter(isObject).length : 0;
    into.push({
      // A panel showing a library panel may carry no title of its own: the library panel's name is its title.
      title: typeof panel["title"] === "string" ? panel["title"] : libraryName,
      description: typeof panel["description"] === "string" ? panel["description"] : "",
      queries,
      place: {
        file: file.path,
        ...lineAt(lineOf("title", panel) ?? lineOf("libraryPanel", panel) ?? queries[0]?.place.line),
      },
      ...(libraryUid && !isElement ? { libraryPanel: { uid: libraryUid, name: libraryName } } : {}),
      ...(targets > queries.length ? { otherQueries: targets - queries.length } : {}),
    });
  };
  const targetsOf = (panel: Json): PanelQuery[] =>
    (Array.isArray(panel["targets"]) ? panel["targets"] : []).flatMap(queryOf);
  const visit = (panel: unknown) => {
    if (!isObject(panel)) return;
    add(panel, targetsOf(panel), panel["type"] === "row");
    if (Array.isArray(panel["panels"])) for (const nested of panel["panels"]) visit(nested);
  };
  // "Export for sharing externally" keeps the library panels the dashboard shows in `__elements` (uid → { name, uid, kind, model }).
  const exported = new Map<string, DashboardPanel>();
  for (const [key, item] of Object.entries(isObject(root["__elements"]) ? root["__elements"] : {})) {
    if (!isObject(item) || !isObject(item["model"])) continue;
    const shown: DashboardPanel[] = [];
    add({ title: item["name"], ...item["model"] }, targetsOf(item["model"]), false, shown, true);
    if (shown[0]) exported.set(typeof item["uid"] === "string" ? item["uid"] : key, shown[0]);
  }
  if (element) visit(element.model);
  for (const row of Array.isArray(root["rows"]) ? root["rows"] : [])
    if (isObject(row) && Array.isArray(row["panels"])) for (const panel of row["panels"]) visit(panel);
  for (const panel of Array.isArray(root["panels"]) ? root["panels"] : []) visit(panel);
  // Schema v2: elements by name, each a Panel (queries under data.spec.queries[].spec.query.spec) or a LibraryPanel.
  for (const item of Object.values(v2Elements ?? {})) {
    if (!isObject(item) || !isObject(item["spec"])) continue;
    const spec = item["spec"];
    const data = isObject(spec["data"]) && isObject(spec["data"]["spec"]) ? spec["data"]["spec"] : {};
    const queries = (Array.isArray(data["queries"]) ? data["queries"] : []).flatMap((query) => {
      const inner = isObject(query) && isObject(query["spec"]) ? query["spec"]["query"] : undefined;
      return queryOf(isObject(inner) ? inner["spec"] : undefined);
    });
    add(spec, queries, false);
  }
  const title = element ? element.name : typeof root["title"] === "string" ? root["title"] : "";
  return {
    path: file.path,
    title,
    panels: exported.size > 0 ? panels.map((panel) => showing(panel, exported, file.path)) : panels,
    problems: [],
    ...(element ? { libraryElementUid: element.uid } : {}),
  };
};

/** The dashboard object inside the HTTP API's export wrapper or Grafana 12's resource form. */
const dashboardRoot = (parsed: unknown): unknown => {
  if (!isObject(parsed)) return parsed;
  if (isObject(parsed["dashboard"])) return parsed["dashboard"];
  if (parsed["kind"] === "Dashboard" && isObject(parsed["spec"])) return parsed["spec"];
  // The library elements API answers `{ "result": { uid, name, model } }`.
  if (isObject(parsed["result"]) && isObject(parsed["result"]["model"])) return parsed["result"];
  return parsed;
};

/** A library element (`{ uid, name, kind: 1, model: <panel> }`): one panel, shown by the dashboards that name its uid. */
const libraryElementOf = (root: unknown): { uid: string; name: string; model: Json } | undefined =>
  isObject(root) && isObject(root["model"]) && typeof root["uid"] === "string" && !Array.isArray(root["panels"])
    ? { uid: root["uid"], name: typeof root["name"] === "string" ? root["name"] : "", model: root["model"] }
    : undefined;

/**
 * Reads the dashboards and library elements of `documents.dashboards`: each panel that shows a
 * library panel takes the queries of the library element of that uid, when its file is among
 * them; the library elements themselves are not dashboards and are not returned.
 */
export const readDashboards = (files: readonly DocumentFile[]): Dashboard[] => {
  const read = files.map(readDashboard);
  const elements = new Map(
    read.flatMap((d) => (d.libraryElementUid && d.panels[0] ? [[d.libraryElementUid, d] as const] : [])),
  );
  // A panel already resolved from its own file's __elements keeps that.
  return read
    .filter((d) => !d.libraryElementUid)
    .map((dashboard) =>
      dashboard.panels.some((p) => p.libraryPanel && !p.libraryPanel.element)
        ? {
            ...dashboard,
            panels: dashboard.panels.map((panel) => {
              const element =
                panel.libraryPanel && !panel.libraryPanel.element ? elements.get(panel.libraryPanel.uid) : undefined;
              return element
                ? showing(panel, new Map([[panel.libraryPanel!.uid, element.panels[0]!]]), element.path)
                : panel;
            }),
          }
        : dashboard,
    );
};

const lineAt = (line: number | undefined): { line?: number } => (line ? { line } : {});

/** The line of an object's `expr`, `title` or `libraryPanel` key, when the scan and the walk agree on the count. */
const linesFor = (parsed: unknown, text: string) => {
  const keys = new Set(["expr", "title", "libraryPanel"]);
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

/** A panel that shows a library panel, with the library panel's title, description and queries where it has none of its own. */
const showing = (panel: DashboardPanel, library: ReadonlyMap<string, DashboardPanel>, from: string): DashboardPanel => {
  const shown = panel.libraryPanel ? library.get(panel.libraryPanel.uid) : undefined;
  if (!shown || !panel.libraryPanel) return panel;
  return {
    ...panel,
    title: panel.title || shown.title,
    description: panel.description || shown.description,
    queries: panel.queries.length > 0 ? panel.queries : shown.queries,
    libraryPanel: { ...panel.libraryPanel, element: from },
  };
};
