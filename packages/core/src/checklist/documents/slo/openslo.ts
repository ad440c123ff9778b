import { failAt, isRecord, kindOf, type LocatedDocument, type YamlPath } from "../located-yaml/located-yaml";
import type { DocumentFinding } from "../types";
import type { SloDefinition, SloIndicator, SloObjective, SloQuery } from "./model";
import { fillSlothWindow } from "./promql";

/**
 * OpenSLO v1 (apiVersion openslo/v1): `kind: SLO` objects with objectives (`target` in [0, 1) or
 * `targetPercent` in [0, 100), one of them; `op` and `value` for a threshold indicator), and an
 * indicator inline (`spec.indicator`), by reference to a `kind: SLI` object of the same file
 * (`indicatorRef`), or per objective. Indicators are `ratioMetric` (good or bad, and total; or raw)
 * or `thresholdMetric`; a metric source of type Prometheus (or a DataSource of that type, or no
 * type) holds PromQL in `spec.query`. Other kinds (Service, DataSource, AlertPolicy…) are skipped.
 */

/** One OpenSLO object of a file: YAML documents may hold one object or a list of them. */
export interface OpenSloEntry {
  readonly data: Record<string, unknown>;
  readonly at: YamlPath;
  readonly doc: LocatedDocument;
}

const OPS = new Set(["lte", "gte", "lt", "gt"]);

export const readOpenSlo = (
  entries: readonly OpenSloEntry[],
): { slos: SloDefinition[]; problems: DocumentFinding[] } => {
  const problems: DocumentFinding[] = [];
  const problem = (entry: OpenSloEntry, path: YamlPath, message: string, subject?: string) =>
    problems.push(failAt(entry.doc.placeOf([...entry.at, ...path]), message, subject));
  const nameOf = (entry: OpenSloEntry): string | undefined => {
    const metadata = entry.data.metadata;
    return isRecord(metadata) && typeof metadata.name === "string" && metadata.name !== "" ? metadata.name : undefined;
  };
  const sources = new Map<string, string>();
  const slis = new Map<string, OpenSloEntry>();
  for (const entry of entries) {
    const name = nameOf(entry);
    const spec = entry.data.spec;
    if (entry.data.kind === "DataSource" && name && isRecord(spec) && typeof spec.type === "string")
      sources.set(name, spec.type);
    if (entry.data.kind === "SLI" && name) slis.set(name, entry);
  }

  /** The queries of an SLI spec at `path` (inline, or the spec of a referenced SLI object). */
  const indicatorAt = (
    entry: OpenSloEntry,
    path: YamlPath,
    spec: unknown,
    subject: string,
  ): SloIndicatorShape | undefined => {
    if (!isRecord(spec)) {
      problem(entry, path, `SLO ${subject}: the indicator's spec must be a mapping, got ${kindOf(spec)}`, subject);
      return undefined;
    }
    const query = (metricPath: YamlPath, metric: unknown, role: string): SloQuery | undefined => {
      const source = isRecord(metric) ? metric.metricSource : undefined;
      if (!isRecord(source) || !isRecord(source.spec)) {
        problem(entry, [...path, ...metricPath], `SLO ${subject}: ${role} needs a metricSource with a spec`, subject);
        return undefined;
      }
      const type =
        typeof source.type === "string"
          ? source.type
          : typeof source.metricSourceRef === "string"
            ? sources.get(source.metricSourceRef)
            : undefined;
      const key = source.spec.query !== undefined ? "query" : "promql";
      const text = source.spec[key];
      const place = entry.doc.placeOf([...entry.at, ...path, ...metricPath, "metricSource", "spec", key]);
      if (type !== undefined && type.toLowerCase() !== "prometheus") return { role, place };
      if (typeof text !== "string") {
        problem(
          entry,
          [...path, ...metricPath, "metricSource", "spec"],
          `SLO ${subject}: ${role} has no query`,
          subject,
        );
        return undefined;
      }
      // Sloth's `{{.window}}` template appears in OpenSLO queries too (the OpenSLO project's own v1 examples).
      return { role, promql: fillSlothWindow(text), place };
    };
    if (isRecord(spec.ratioMetric)) {
      const ratio = spec.ratioMetric;
      const roles = ["good", "bad", "total", "raw"].filter((role) => ratio[role] !== undefined);
      const numerator = roles.includes("good") || roles.includes("bad");
      if (!(numerator && roles.includes("total")) && !roles.includes("raw")) {
        problem(
          entry,
          [...path, "ratioMetric"],
          `SLO ${subject}: ratioMetric needs good or bad, and total (or raw)`,
          subject,
        );
        return undefined;
      }
      const queries = roles.map((role) => query(["ratioMetric", role], ratio[role], role));
      if (queries.some((q) => q === undefined)) return undefined;
      return { kind: "ratio", queries: queries as SloQuery[] };
    }
    if (isRecord(spec.thresholdMetric)) {
      const threshold = query(["thresholdMetric"], spec.thresholdMetric, "threshold");
      return threshold ? { kind: "threshold", query: threshold } : undefined;
    }
    problem(entry, path, `SLO ${subject}: the indicator has neither ratioMetric nor thresholdMetric`, subject);
    return undefined;
  };

  /** An inline `indicator` or an `indicatorRef` in the mapping at `path`; the words it adds. */
  const indicatorOf = (entry: OpenSloEntry, path: YamlPath, holder: Record<string, unknown>, subject: string) => {
    if (isRecord(holder.indicator)) {
      const inline = holder.indicator;
      const shape = indicatorAt(entry, [...path, "indicator", "spec"], inline.spec, subject);
      return shape ? { shape, words: metadataWords(inline.metadata) } : null;
    }
    if (typeof holder.indicatorRef === "string") {
      const sli = slis.get(holder.indicatorRef);
      if (!sli) {
        problem(
          entry,
          [...path, "indicatorRef"],
          `SLO ${subject}: indicatorRef "${holder.indicatorRef}" names no SLI object in this file`,
          subject,
        );
        return null;
      }
      const shape = indicatorAt(sli, ["spec"], sli.data.spec, subject);
      return shape ? { shape, words: metadataWords(sli.data.metadata) } : null;
    }
    return undefined;
  };

  const slos: SloDefinition[] = [];
  for (const entry of entries) {
    if (entry.data.kind !== "SLO") continue;
    if (entry.data.apiVersion !== "openslo/v1") {
      problem(
        entry,
        ["apiVersion"],
        `apiVersion ${kindOf(entry.data.apiVersion)} is not read: readiness reads OpenSLO openslo/v1 (or Sloth prometheus/v1)`,
      );
      continue;
    }
    const name = nameOf(entry);
    if (!name) {
      problem(entry, ["metadata"], "SLO without metadata.name");
      continue;
    }
    const spec = entry.data.spec;
    if (!isRecord(spec)) {
      problem(entry, ["spec"], `SLO ${name}: spec must be a mapping, got ${kindOf(spec)}`, name);
      continue;
    }
    const sloIndicator = indicatorOf(entry, ["spec"], spec, name);
    const objectives = spec.objectives;
    if (!Array.isArray(objectives) || objectives.length === 0) {
      problem(
        entry,
        ["spec", "objectives"],
        `SLO ${name}: no objectives (spec.objectives must list at least one)`,
        name,
      );
      continue;
    }
    const sloWords = [
      name,
      metadataWords(entry.data.metadata),
      typeof spec.description === "string" ? spec.description : "",
    ];
    const read: SloObjective[] = [];
    objectives.forEach((objective, index) => {
      const path = ["spec", "objectives", index];
      const displayName =
        isRecord(objective) && typeof objective.displayName === "string" ? objective.displayName : undefined;
      const label = displayName ? `objective "${displayName}" of SLO ${name}` : `objective ${index + 1} of SLO ${name}`;
      if (!isRecord(objective)) {
        problem(entry, path, `${label}: expected a mapping, got ${kindOf(objective)}`, name);
        return;
      }
      const own = indicatorOf(entry, path, objective, name);
      const indicator = own ?? (own === null ? null : sloIndicator);
      if (indicator === undefined) {
        problem(
          entry,
          ["spec"],
          `SLO ${name}: no indicator (spec.indicator, spec.indicatorRef, or one per objective)`,
          name,
        );
        return;
      }
      if (indicator === null) return;
      const target = targetOf(objective);
      if (typeof target === "string") {
        problem(entry, path, `${label}: ${target}`, name);
        return;
      }
      let shape: SloIndicator;
      if (indicator.shape.kind === "threshold") {
        const { op, value } = objective;
        if (typeof op !== "string" || !OPS.has(op) || typeof value !== "number") {
          problem(
            entry,
            path,
            `${label}: a thresholdMetric objective needs op (lte, lt, gte or gt) and a numeric value`,
            name,
          );
          return;
        }
        shape = { kind: "threshold", query: indicator.shape.query, op, value };
      } else shape = indicator.shape;
      read.push({
        label,
        quote: quoteOf(objective),
        place: entry.doc.placeOf([...entry.at, ...path]),
        targetPercent: target,
        indicator: shape,
        words: [...sloWords, indicator.words, displayName ?? ""].join(" ").toLowerCase(),
      });
    });
    slos.push({ name, place: entry.doc.placeOf(entry.at), objectives: read });
  }
  return { slos, problems };
};

type SloIndicatorShape = { kind: "ratio"; queries: SloQuery[] } | { kind: "threshold"; query: SloQuery };

/** The target as a percentage, or why it cannot be read. */
const targetOf = (objective: Record<string, unknown>): number | string => {
  const { target, targetPercent } = objective;
  if (target !== undefined && targetPercent !== undefined) return "give target or targetPercent, not both";
  if (typeof target === "number")
    return target >= 0 && target < 1
      ? Number((target * 100).toPrecision(12))
      : `target ${target} is outside [0, 1) (use targetPercent for a percentage)`;
  if (typeof targetPercent === "number")
    return targetPercent >= 0 && targetPercent < 100
      ? targetPercent
      : `targetPercent ${targetPercent} is outside [0, 100)`;
  return target === undefined && targetPercent === undefined
    ? "no target (target or targetPercent)"
    : "target must be a number";
};

const QUOTED_FIELDS = ["displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow"];

const quoteOf = (objective: Record<string, unknown>): string =>
  QUOTED_FIELDS.filter((field) => objective[field] !== undefined)
    .map(
      (field) =>
        `${field}: ${typeof objective[field] === "string" ? objective[field] : JSON.stringify(objective[field])}`,
    )
    .join(", ");

const metadataWords = (metadata: unknown): string =>
  isRecord(metadata) ? [metadata.name, metadata.displayName].filter((w) => typeof w === "string").join(" ") : "";
