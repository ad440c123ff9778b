import { classifySloObjectives } from "../../checklist/documents/slo/classify";
import { readSloFiles } from "../../checklist/documents/slo/read";
import { type DocumentFile, describePlace } from "../../checklist/documents/types";
import type { SloTarget } from "./types";

/** What an SLO document gives a load test: each part, or why it cannot be read. */
export interface SloFromDocument {
  readonly maxP99Ms?: number;
  readonly maxErrorRate?: number;
  /** Where each part came from: `ops/slo.yaml (submit P99 ≤ 100 ms: SLO submit-latency; …)`. */
  readonly source: string;
  /** Why a part is missing, or what in the files could not be read. */
  readonly problems: readonly string[];
}

/**
 * The objectives a load test is judged by, read from the SLO document (OpenSLO v1 or Sloth
 * prometheus/v1) as `slo-defined` reads it (checklist/documents/slo): the submit latency objectives
 * that bound P99 or a higher percentile give the P99 limit (the strictest, since a bound on P99.9
 * also bounds P99), and the availability objectives give the error rate allowed (the strictest target).
 */
export const sloFromDocument = (files: readonly DocumentFile[], submitKeyword: string): SloFromDocument => {
  const reading = readSloFiles(files);
  const problems = reading.problems.map((p) =>
    p.place && !p.reason.startsWith(p.place.file) ? `${describePlace(p.place)}: ${p.reason}` : p.reason,
  );
  const { all, availability, submit } = classifySloObjectives(reading.slos, submitKeyword);
  const where = files.map((f) => f.path).join(", ");
  const read = all.map(({ objective }) => objective.label).join(", ") || "none";

  const bounds = submit.flatMap(({ objective, latency }) =>
    latency.kind === "bound" && latency.percentile >= 99 ? [{ ms: latency.thresholdMs, label: objective.label }] : [],
  );
  const latency = bounds.sort((a, b) => a.ms - b.ms)[0];
  if (!latency)
    problems.push(
      `${where}: no submit latency objective bounding P99 (one mentioning "${submitKeyword}"); objectives read: ${read}`,
    );

  const targets = availability.map(({ objective }) => ({ percent: objective.targetPercent, label: objective.label }));
  const strictest = targets.sort((a, b) => b.percent - a.percent)[0];
  if (!strictest) problems.push(`${where}: no availability objective; objectives read: ${read}`);

  const parts = [
    latency ? `submit P99 ≤ ${trim(latency.ms)} ms: ${latency.label}` : "",
    strictest ? `availability ≥ ${trim(strictest.percent)}%: ${strictest.label}` : "",
  ].filter(Boolean);
  return {
    ...(latency ? { maxP99Ms: latency.ms } : {}),
    ...(strictest ? { maxErrorRate: maxErrorRateOf(strictest.percent) } : {}),
    source: `${where}${parts.length ? ` (${parts.join("; ")})` : ""}`,
    problems,
  };
};

/** The document's SLO when it gives both parts, else undefined (the caller says what is missing). */
export const completeSlo = (reading: SloFromDocument): SloTarget | undefined =>
  reading.maxP99Ms !== undefined && reading.maxErrorRate !== undefined
    ? { maxP99Ms: reading.maxP99Ms, maxErrorRate: reading.maxErrorRate, source: reading.source }
    : undefined;

/** An availability objective as the error rate it allows (99.9% → 0.001), without float noise. */
export const maxErrorRateOf = (minAvailabilityPercent: number): number =>
  Math.round((100 - minAvailabilityPercent) * 1e9) / 1e11;

const trim = (value: number): string => String(Number(value.toPrecision(6)));
