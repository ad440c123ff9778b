import type { DocumentFile } from "../types";
import { parsePromql, seriesOf } from "./promql";
import { queriesOf, readSloFiles } from "./read";

/** An SLO and the Prometheus series its indicator reads (for slo-recording-rules). */
export interface SloIndicatorSeries {
  readonly name: string;
  readonly indicatorSeries: string[];
}

/**
 * Each SLO of the files with the metric names its indicator's PromQL selects (good, bad, total,
 * raw or threshold queries, every objective's), without repeats. Problems reading the files are
 * slo-defined's to report; an SLO whose queries are all unreadable has no series.
 */
export const sloIndicatorSeries = (files: readonly DocumentFile[]): SloIndicatorSeries[] =>
  readSloFiles(files).slos.map((slo) => ({
    name: slo.name,
    indicatorSeries: [
      ...new Set(
        slo.objectives.flatMap((objective) =>
          queriesOf(objective).flatMap((query) => {
            const parsed = query.promql === undefined ? undefined : parsePromql(query.promql);
            return parsed?.ok ? seriesOf(parsed.query) : [];
          }),
        ),
      ),
    ],
  }));
