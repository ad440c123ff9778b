import { failAt, isRecord, kindOf, type LocatedDocument, type YamlPath } from "../located-yaml/located-yaml";
import type { DocumentFinding } from "../types";
import type { SloDefinition, SloQuery } from "./model";
import { fillSlothWindow } from "./promql";

/**
 * Sloth's specs: `version: prometheus/v1` (`service`, and `slos` each with a `name`, an
 * `objective` (a percentage) and an `sli` of `events` (`error_query` and `total_query`) or `raw`
 * (`error_ratio_query`)), and its Kubernetes resource (`apiVersion: sloth.slok.dev/v1`, `kind:
 * PrometheusServiceLevel`), the same under `spec` with the query fields in camelCase
 * (`errorQuery`, `totalQuery`, `errorRatioQuery`), as Sloth reads each. Queries carry
 * `{{.window}}`, which is filled in before they are parsed. An `sli.plugin` cannot be read (its
 * query lives in the plugin), so such an SLO has no PromQL.
 */
interface SlothDialect {
  /** Where the spec sits in the document. */
  readonly at: YamlPath;
  readonly what: string;
  readonly errorQuery: string;
  readonly totalQuery: string;
  readonly errorRatioQuery: string;
  /** The other dialect, named in a hint when a field is spelled its way. */
  readonly other: string;
}

/** `error_ratio_query` ⇄ `errorRatioQuery`. */
const otherSpelling = (field: string): string =>
  field.includes("_")
    ? field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
    : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const PROMETHEUS_V1: SlothDialect = {
  at: [],
  what: "Sloth spec without slos",
  errorQuery: "error_query",
  totalQuery: "total_query",
  errorRatioQuery: "error_ratio_query",
  other: "the PrometheusServiceLevel resource",
};

const KUBERNETES_RESOURCE: SlothDialect = {
  at: ["spec"],
  what: "Sloth PrometheusServiceLevel without spec.slos",
  errorQuery: "errorQuery",
  totalQuery: "totalQuery",
  errorRatioQuery: "errorRatioQuery",
  other: "prometheus/v1",
};

export const isSlothResource = (data: unknown): boolean =>
  isRecord(data) &&
  data.kind === "PrometheusServiceLevel" &&
  typeof data.apiVersion === "string" &&
  data.apiVersion.startsWith("sloth.slok.dev/");

export const readSloth = (doc: LocatedDocument): { slos: SloDefinition[]; problems: DocumentFinding[] } =>
  readSlothDialect(doc, isSlothResource(doc.data) ? KUBERNETES_RESOURCE : PROMETHEUS_V1);

const readSlothDialect = (
  doc: LocatedDocument,
  dialect: SlothDialect,
): { slos: SloDefinition[]; problems: DocumentFinding[] } => {
  const problems: DocumentFinding[] = [];
  const root = doc.data as Record<string, unknown>;
  const data = (dialect.at.length > 0 ? (isRecord(root.spec) ? root.spec : {}) : root) as Record<string, unknown>;
  const problem = (path: YamlPath, message: string, subject?: string) =>
    problems.push(failAt(doc.placeOf([...dialect.at, ...path]), message, subject));
  if (!Array.isArray(data.slos) || data.slos.length === 0) {
    problem(["slos"], `${dialect.what} (a list of SLOs with name, objective and sli)`);
    return { slos: [], problems };
  }
  const service = typeof data.service === "string" ? data.service : "";
  const slos: SloDefinition[] = [];
  data.slos.forEach((slo, index) => {
    const path = ["slos", index];
    if (!isRecord(slo) || typeof slo.name !== "string" || slo.name === "") {
      problem(path, "SLO without a name");
      return;
    }
    const name = slo.name;
    const objective = slo.objective;
    if (typeof objective !== "number" || objective < 0 || objective > 100) {
      problem(
        [...path, "objective"],
        `SLO ${name}: objective must be a percentage between 0 and 100, got ${kindOf(objective)}`,
        name,
      );
      return;
    }
    const sli = slo.sli;
    const query = (field: string, role: string, holder: Record<string, unknown>, at: string): SloQuery | undefined => {
      const text = holder[field];
      if (typeof text !== "string" || text.trim() === "") {
        // The other dialect's spelling is the likely slip: say so rather than only "missing".
        const other = otherSpelling(field);
        const hint = other in holder ? ` (${other} is how ${dialect.other} spells it)` : "";
        problem([...path, "sli", at, field], `SLO ${name}: sli.${at}.${field} must be a PromQL query${hint}`, name);
        return undefined;
      }
      return { role, promql: fillSlothWindow(text), place: doc.placeOf([...dialect.at, ...path, "sli", at, field]) };
    };
    let queries: (SloQuery | undefined)[];
    if (isRecord(sli) && isRecord(sli.events))
      queries = [
        query(dialect.errorQuery, "error", sli.events, "events"),
        query(dialect.totalQuery, "total", sli.events, "events"),
      ];
    else if (isRecord(sli) && isRecord(sli.raw)) queries = [query(dialect.errorRatioQuery, "raw", sli.raw, "raw")];
    else if (isRecord(sli) && isRecord(sli.plugin))
      queries = [{ role: "plugin", place: doc.placeOf([...dialect.at, ...path, "sli", "plugin"]) }];
    else {
      problem(
        [...path, "sli"],
        `SLO ${name}: sli must hold events (${dialect.errorQuery}, ${dialect.totalQuery}), raw (${dialect.errorRatioQuery}) or plugin`,
        name,
      );
      return;
    }
    if (queries.some((q) => q === undefined)) return;
    const words = [service, name, typeof slo.description === "string" ? slo.description : ""].join(" ").toLowerCase();
    slos.push({
      name,
      place: doc.placeOf([...dialect.at, ...path]),
      objectives: [
        {
          label: `SLO ${name}`,
          quote: `objective: ${objective}`,
          place: doc.placeOf([...dialect.at, ...path, "objective"]),
          targetPercent: objective,
          indicator: { kind: "ratio", queries: queries as SloQuery[] },
          words,
        },
      ],
    });
  });
  return { slos, problems };
};
