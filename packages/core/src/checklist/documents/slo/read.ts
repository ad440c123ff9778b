import { failAt, isRecord, readYaml } from "../located-yaml/located-yaml";
import type { DocumentFile, DocumentFinding } from "../types";
import type { SloDefinition, SloObjective, SloQuery } from "./model";
import { type OpenSloEntry, readOpenSlo } from "./openslo";
import { parsePromql } from "./promql";
import { isSlothResource, readSloth } from "./sloth";

export interface SloReading {
  readonly slos: readonly SloDefinition[];
  /** Files that cannot be read, objects of the wrong shape, queries that are not PromQL. */
  readonly problems: readonly DocumentFinding[];
}

/**
 * Reads SLO files of either format. OpenSLO objects are read together across the files, so an
 * `indicatorRef` may name an SLI kept in another file. An objective whose PromQL does not parse
 * is left out, with a problem naming its place.
 */
export const readSloFiles = (files: readonly DocumentFile[]): SloReading => {
  const problems: DocumentFinding[] = [];
  const slos: SloDefinition[] = [];
  const openSlo: OpenSloEntry[] = [];
  for (const file of files) {
    const reading = readYaml(file);
    if (!reading.ok) {
      problems.push(reading.finding);
      continue;
    }
    for (const doc of reading.documents) {
      const data = doc.data;
      if (isRecord(data) && (data.version === "prometheus/v1" || isSlothResource(data))) {
        const sloth = readSloth(doc);
        slos.push(...sloth.slos);
        problems.push(...sloth.problems);
      } else if (isRecord(data) && typeof data.apiVersion === "string" && data.apiVersion.startsWith("openslo/"))
        openSlo.push({ data, at: [], doc });
      else if (Array.isArray(data) && data.every((item) => isRecord(item) && typeof item.apiVersion === "string"))
        data.forEach((item, index) => {
          openSlo.push({ data: item as Record<string, unknown>, at: [index], doc });
        });
      else
        problems.push(
          failAt(
            doc.placeOf([]),
            "not an SLO document: expected OpenSLO v1 (apiVersion: openslo/v1, kind: SLO) or Sloth (version: prometheus/v1, or kind: PrometheusServiceLevel)",
          ),
        );
    }
  }
  const fromOpenSlo = readOpenSlo(openSlo);
  slos.push(...fromOpenSlo.slos);
  problems.push(...fromOpenSlo.problems);
  return { slos: slos.map((slo) => withValidQueries(slo, problems)), problems };
};

const withValidQueries = (slo: SloDefinition, problems: DocumentFinding[]): SloDefinition => ({
  ...slo,
  objectives: slo.objectives.filter((objective) => {
    const invalid = queriesOf(objective).flatMap((query) => {
      if (query.promql === undefined) return [];
      const parsed = parsePromql(query.promql);
      return parsed.ok
        ? []
        : [
            failAt(
              query.place,
              `${objective.label}: the ${query.role} query is not valid PromQL: ${parsed.message}`,
              slo.name,
            ),
          ];
    });
    problems.push(...invalid);
    return invalid.length === 0;
  }),
});

export const queriesOf = (objective: SloObjective): readonly SloQuery[] =>
  objective.indicator.kind === "ratio" ? objective.indicator.queries : [objective.indicator.query];
