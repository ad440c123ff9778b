import { formatDuration } from "../../kernel/backoff";
import type { MtlsProbeResult } from "./mtls-probe";
import type { SmokeRun } from "./types";

const MARK = { true: "✓", false: "✗" } as const;

/**
 * The run as a human reads it: one line per step with its duration, then the verdict and its
 * reason, then the figures the checklist items use (submit latency vs SLO, idempotent replay).
 */
export const renderTimeline = (run: SmokeRun, mtls?: MtlsProbeResult): string => {
  const lines = [`smoke test of ${run.target.endpoint} (${run.target.protocol}), trace ${run.traceId}`];
  const width = Math.max(0, ...run.steps.map((s) => formatDuration(s.ms).length));
  for (const s of run.steps)
    lines.push(`  ${MARK[`${s.ok}`]} ${s.name.padEnd(8)} ${formatDuration(s.ms).padStart(width)}  ${s.detail}`);
  if (run.steps.length === 0) lines.push("  (no step ran)");
  lines.push("");
  lines.push(`${run.verdict}  ${run.reason}`);
  for (const other of run.failures.slice(1)) lines.push(`      also: ${other}`);
  const latency =
    run.submitLatencyMs === undefined ? "no submit latency" : `submit latency ${formatDuration(run.submitLatencyMs)} (SLO ${run.sloSubmitMs} ms)`;
  const total = formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
  lines.push(`  ${latency} · idempotent replay: ${run.idempotentReplay} · ${total} in all`);
  if (mtls) lines.push(`  mTLS probe: ${mtls.verdict} (${mtls.reason})`);
  return `${lines.join("\n")}\n`;
};
