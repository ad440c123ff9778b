/*
 * slo-defined, document part.
 * Given SLO files (OpenSLO v1 or Sloth prometheus/v1) whose availability objectives all target at least minAvailabilityPercent, and whose submit latency objectives (names or queries mentioning submitKeyword) all bound P99 at or under maxSubmitP99Ms, with at least one of each → pass.
 * Given an availability objective under the minimum, a submit latency objective that bounds a lower percentile or allows more than the maximum, or one whose bound cannot be read → fail, quoting the objective and its place.
 * Given no availability objective or no submit latency objective → fail, listing what was read.
 * Given a file that is not YAML, not an SLO document, or has a missing field or invalid PromQL → fail with file:line.
 * Given no SLO file → unknown.
 */
import type { ParamsOf } from "../../catalogue/params";
import { neverThrows } from "../decider-guard/decider-guard";
import { describePlace, type DocumentFile, type DocumentFinding, type DocumentVerdict, verdictOf } from "../types";
import { classifySloObjectives } from "./classify";
import type { Latency } from "./latency";
import type { SloObjective } from "./model";
import { readSloFiles } from "./read";

export interface SloDefinedInput {
  readonly files: readonly DocumentFile[];
  readonly params: ParamsOf<"slo-defined">;
}

const decideSloDefinedUnguarded = ({ files, params }: SloDefinedInput): DocumentVerdict => {
  if (files.length === 0)
    return verdictOf([{ status: "unknown", reason: "no SLO file configured (documents.slo)" }], "");
  const reading = readSloFiles(files);
  const findings: DocumentFinding[] = [...new Map(reading.problems.map((p) => [p.reason, p])).values()];
  if (reading.slos.length === 0) {
    if (findings.length === 0)
      findings.push({ status: "fail", reason: `${files.map((f) => f.path).join(", ")}: no SLO found` });
    return verdictOf(findings, "");
  }

  const { all: classified, availability, submit } = classifySloObjectives(reading.slos, params.submitKeyword);

  const passes: string[] = [];
  for (const { objective } of availability) {
    const at = `${describePlace(objective.place)}: ${objective.label} (${objective.quote})`;
    if (objective.targetPercent < params.minAvailabilityPercent)
      findings.push(
        fail(
          objective,
          `${at}: availability target ${objective.targetPercent}% is below ${params.minAvailabilityPercent}%`,
        ),
      );
    else {
      findings.push(
        pass(objective, `${at}: availability ${objective.targetPercent}% ≥ ${params.minAvailabilityPercent}%`),
      );
      passes.push(`availability ${objective.targetPercent}% (${objective.label})`);
    }
  }
  for (const { objective, latency } of submit) {
    const verdict = submitLatencyVerdict(latency, params.maxSubmitP99Ms);
    const at = `${describePlace(objective.place)}: ${objective.label} (${objective.quote})`;
    if (verdict.ok) {
      findings.push(pass(objective, `${at}: ${verdict.text}`));
      passes.push(`${verdict.text} (${objective.label})`);
    } else findings.push(fail(objective, `${at}: ${verdict.text}`));
  }

  const where = files.map((f) => f.path).join(", ");
  const read = classified.map(({ objective }) => objective.label).join(", ") || "none";
  if (availability.length === 0)
    findings.push({
      status: "fail",
      reason: `${where}: no availability objective (a ratio of good or bad to total requests); objectives read: ${read}`,
    });
  if (submit.length === 0) {
    const latencies = classified
      .filter(({ latency }) => latency.kind !== "none")
      .map(({ objective }) => objective.label);
    findings.push({
      status: "fail",
      reason: `${where}: no submit latency objective${latencies.length ? `: no latency objective (${latencies.join(", ")}) mentions "${params.submitKeyword}"` : `; objectives read: ${read}`}`,
    });
  }
  return verdictOf(findings, passes.join("; "));
};

const submitLatencyVerdict = (latency: Latency, maxMs: number): { ok: boolean; text: string } => {
  if (latency.kind === "unreadable") return { ok: false, text: `cannot read its latency bound: ${latency.why}` };
  if (latency.kind !== "bound") return { ok: false, text: "not a latency objective" };
  const p = `P${trim(latency.percentile)}`;
  if (latency.percentile < 99)
    return {
      ok: false,
      text: `bounds ${p} ≤ ${trim(latency.thresholdMs)} ms, not P99 (${latency.series}): its target must be 99% or more`,
    };
  if (latency.thresholdMs > maxMs)
    return {
      ok: false,
      text: `submit P99 objective ${trim(latency.thresholdMs)} ms is above ${maxMs} ms (${latency.series})`,
    };
  return { ok: true, text: `submit ${p} ≤ ${trim(latency.thresholdMs)} ms, within ${maxMs} ms` };
};

const trim = (value: number): string => String(Number(value.toPrecision(6)));

const pass = (objective: SloObjective, reason: string): DocumentFinding => ({
  status: "pass",
  reason,
  place: objective.place,
  subject: objective.label,
});
const fail = (objective: SloObjective, reason: string): DocumentFinding => ({
  status: "fail",
  reason,
  place: objective.place,
  subject: objective.label,
});

export const decideSloDefined = neverThrows(
  "slo-defined",
  (input: SloDefinedInput) => input.files.map((f) => f.path),
  decideSloDefinedUnguarded,
);
