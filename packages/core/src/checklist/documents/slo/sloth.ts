import { failAt, isRecord, kindOf, type LocatedDocument } from "../located-yaml/located-yaml";
import type { DocumentFinding } from "../types";
import type { SloDefinition, SloQuery } from "./model";
import { fillSlothWindow } from "./promql";

/**
 * Sloth's `version: prometheus/v1` spec: `service`, and `slos` each with a `name`, an `objective`
 * (a percentage) and an `sli` of `events` (`error_query` and `total_query`) or `raw`
 * (`error_ratio_query`). Queries carry `{{.window}}`, which is filled in before they are parsed.
 * An `sli.plugin` cannot be read (its query lives in the plugin), so such an SLO has no PromQL.
 */
export const readSloth = (doc: LocatedDocument): { slos: SloDefinition[]; problems: DocumentFinding[] } => {
  const problems: DocumentFinding[] = [];
  const data = doc.data as Record<string, unknown>;
  const problem = (path: (string | number)[], message: string, subject?: string) =>
    problems.push(failAt(doc.placeOf(path), message, subject));
  if (!Array.isArray(data.slos) || data.slos.length === 0) {
    problem(["slos"], "Sloth spec without slos (a list of SLOs with name, objective and sli)");
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
        problem([...path, "sli", at, field], `SLO ${name}: sli.${at}.${field} must be a PromQL query`, name);
        return undefined;
      }
      return { role, promql: fillSlothWindow(text), place: doc.placeOf([...path, "sli", at, field]) };
    };
    let queries: (SloQuery | undefined)[];
    if (isRecord(sli) && isRecord(sli.events))
      queries = [
        query("error_query", "error", sli.events, "events"),
        query("total_query", "total", sli.events, "events"),
      ];
    else if (isRecord(sli) && isRecord(sli.raw)) queries = [query("error_ratio_query", "raw", sli.raw, "raw")];
    else if (isRecord(sli) && isRecord(sli.plugin))
      queries = [{ role: "plugin", place: doc.placeOf([...path, "sli", "plugin"]) }];
    else {
      problem(
        [...path, "sli"],
        `SLO ${name}: sli must hold events (error_query, total_query), raw (error_ratio_query) or plugin`,
        name,
      );
      return;
    }
    if (queries.some((q) => q === undefined)) return;
    const words = [service, name, typeof slo.description === "string" ? slo.description : ""].join(" ").toLowerCase();
    slos.push({
      name,
      place: doc.placeOf(path),
      objectives: [
        {
          label: `SLO ${name}`,
          quote: `objective: ${objective}`,
          place: doc.placeOf([...path, "objective"]),
          targetPercent: objective,
          indicator: { kind: "ratio", queries: queries as SloQuery[] },
          words,
        },
      ],
    });
  });
  return { slos, problems };
};
