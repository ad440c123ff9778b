/**
 * Shared helpers of the bench scripts: timing with wall and CPU time, summaries, the machine's
 * load (other processes on the same cores inflate wall-clock figures), and budget verdicts.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

export interface Timing {
  /** Wall-clock milliseconds. */
  readonly wallMs: number;
  /** CPU milliseconds of this process (user + system, all its threads: GC helpers count too). */
  readonly cpuMs: number;
}

/** Runs `work` once and returns its result with the wall and CPU time it took. */
export const timed = <T>(work: () => T): { result: T; timing: Timing } => {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { result, timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
};

/** Like `timed`, for async work. */
export const timedAsync = async <T>(work: () => Promise<T>): Promise<{ result: T; timing: Timing }> => {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { result, timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const best = (values: readonly number[]): number => Math.min(...values);

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

export const count = (value: number): string => Math.round(value).toLocaleString("en-US");

/** "best 240 ms, median 290 ms, runs [644, 393, 291, 294, 240]". */
export const spread = (values: readonly number[]): string =>
  `best ${ms(best(values))}, median ${ms(median(values))} over ${values.length} runs [${values.map((v) => v.toFixed(0)).join(", ")}]`;

/** One line on how busy the machine is: figures taken under load are slower than the code. */
export const machineLine = (): string => {
  const [one, five] = loadavg();
  return `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), node ${process.version}, load average ${one.toFixed(2)} (1 min) / ${five.toFixed(2)} (5 min)`;
};

/** "PASS" or "MISS" with the measured figure and the budget, for the last line of a bench. */
export const verdict = (what: string, measured: string, budget: string, pass: boolean): string =>
  `${pass ? "PASS" : "MISS"}  ${what}: ${measured} (budget ${budget})`;
