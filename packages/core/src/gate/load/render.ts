import type { ProgressSnapshot } from "./schedule";
import type { LoadResult, Percentiles } from "./types";
import { ms, rate } from "./verdict";

/** The result for people: what ran, the figures, the SLO and where it came from, the verdict and why. */
export const renderLoadResult = (result: LoadResult): string => {
  const { plan, target, generator } = result;
  const lines = [
    `load test of ${target.endpoint} (${target.mode === "task" ? "task contract" : "plain"}, ${target.protocol}: ${target.request})`,
    row(
      "plan",
      `${plan.rps} req/s for ${duration(plan.durationMs)}${plan.warmupMs > 0 ? ` after a ${duration(plan.warmupMs)} warmup` : ", no warmup"}, up to ${plan.connections} connections`,
    ),
    row(
      "rate",
      `${result.achievedRps.toFixed(1)} req/s achieved: ${result.rateHeld ? "held within ±1%" : "NOT held within ±1%"}`,
    ),
    row("requests", `${count(result.requests)}, errors ${count(result.errors)} (${rate(result.errorRate)})`),
    row(
      "latency",
      `${percentiles(result.latencyMs)}  from each request's scheduled time (corrected for coordinated omission)`,
    ),
    row("service", `${percentiles(result.serviceTimeMs)}  from each request's send (uncorrected)`),
    row(
      "generator",
      `schedule lag p99 ${ms(generator.scheduleLagMs.p99)}, max ${ms(generator.scheduleLagMs.max)} · ${count(generator.waitedForConnection)} waited for a connection · ${count(generator.unsent)} never sent${generator.cpuMsPerRequest === undefined ? "" : ` · ${(generator.cpuMsPerRequest * 1000).toFixed(0)} µs CPU a request`}`,
    ),
    row("SLO", `p99 ≤ ${ms(result.slo.maxP99Ms)}, errors ≤ ${rate(result.slo.maxErrorRate)} (${result.slo.source})`),
  ];
  if (result.errorKinds.length > 0)
    lines.push(row("errors", result.errorKinds.map((kind) => `${kind.detail}: ${count(kind.count)}`).join(" · ")));
  lines.push("", `${result.verdict}  ${result.reason}`);
  lines.push(
    `  ${result.partial ? "partial result: not recorded" : result.evidence.note} · started ${result.startedAt}`,
  );
  return `${lines.join("\n")}\n`;
};

/** One progress line: "… 12/30 s · 500.0 req/s · 0 errors of 6,000 · p99 3.20 ms · 2 in flight". */
export const renderProgress = (snapshot: ProgressSnapshot): string => {
  const at = `${Math.round(snapshot.phaseElapsedMs / 1000)}/${Math.round(snapshot.phaseMs / 1000)} s`;
  const common = `${snapshot.currentRps.toFixed(1)} req/s · ${snapshot.inFlight} in flight`;
  if (snapshot.phase === "warmup") return `… warmup ${at} · ${common}\n`;
  return `… ${at} · ${common} · ${count(snapshot.errors)} errors of ${count(snapshot.completed)} · p99 ${ms(snapshot.p99Ms)}\n`;
};

const row = (label: string, text: string): string => `  ${label.padEnd(10)} ${text}`;

const percentiles = (p: Percentiles): string =>
  `p50 ${ms(p.p50)} · p90 ${ms(p.p90)} · p99 ${ms(p.p99)} · p99.9 ${ms(p.p999)} · max ${ms(p.max)}`;

const count = (value: number): string => value.toLocaleString("en-US");

const duration = (durationMs: number): string =>
  durationMs % 60_000 === 0 && durationMs >= 60_000
    ? `${durationMs / 60_000} min`
    : durationMs % 1000 === 0
      ? `${durationMs / 1000} s`
      : `${durationMs} ms`;

/** What `--format json` prints for scripts (docs/load.md): exactly these fields of the result, in loadScriptJson's order. */
export type LoadScriptJson = Pick<
  LoadResult,
  "targetRps" | "achievedRps" | "requests" | "errors" | "latencyMs" | "correctedForCoordinatedOmission" | "verdict"
>;

export const loadScriptJson = (result: LoadResult): LoadScriptJson => ({
  targetRps: result.targetRps,
  achievedRps: result.achievedRps,
  requests: result.requests,
  errors: result.errors,
  latencyMs: {
    p50: result.latencyMs.p50,
    p90: result.latencyMs.p90,
    p99: result.latencyMs.p99,
    p999: result.latencyMs.p999,
    max: result.latencyMs.max,
  },
  correctedForCoordinatedOmission: true,
  verdict: result.verdict,
});
