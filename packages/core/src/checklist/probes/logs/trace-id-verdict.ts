/*
 * trace-id-in-logs (probe part), judged purely from the log lines sampled per service.
 * Given a service whose sampled lines carry a trace id at a share ≥ minShare, Then pass (the reason gives the share).
 * Given a share below minShare, Then fail: the reason gives the share and one line without a trace
 *   id, secrets redacted and cut short.
 * Given no events in the window, a group that could not be read, or no awslogs group to read,
 *   Then undecided, saying which.
 */
import type { Status } from "../../model/finding";
import { quotableLine } from "./redact";
import type { LogSample } from "./sample";
import { classifyLogLine } from "./trace-ids";

/** What was sampled for one service: each awslogs group its containers write to, or why there is none. */
export interface ServiceLogSamples {
  readonly groups: readonly { readonly name: string; readonly sample: LogSample }[];
  /** Why the service's log groups could not be named (no awslogs driver, task definition unknown). */
  readonly gap?: string;
}

export interface TraceIdThresholds {
  readonly minShare: number;
  readonly windowMinutes: number;
}

export interface TraceIdJudgement {
  readonly status: Status;
  readonly detail: string;
  readonly sampled: number;
  readonly withTraceId: number;
}

export const percent = (share: number): string => `${(share * 100).toFixed(1).replace(/\.0$/, "")}%`;

export const judgeTraceIds = (samples: ServiceLogSamples, thresholds: TraceIdThresholds): TraceIdJudgement => {
  const none = { sampled: 0, withTraceId: 0 };
  if (samples.gap) return { status: "unknown", detail: samples.gap, ...none };
  const unread = samples.groups.flatMap((g) => (g.sample.ok ? [] : [`${g.name}: ${g.sample.error.reason}`]));
  const lines = samples.groups.flatMap((g) => (g.sample.ok ? g.sample.messages : []));
  const names = samples.groups.map((g) => g.name).join(", ");
  const without = lines.filter((line) => !classifyLogLine(line).hasTraceId);
  const counts = { sampled: lines.length, withTraceId: lines.length - without.length };
  if (lines.length === 0)
    return {
      status: "unknown",
      detail: unread.length
        ? `could not sample ${unread.join("; ")}`
        : `no log events in the last ${thresholds.windowMinutes} minutes of ${names}`,
      ...counts,
    };
  const share = counts.withTraceId / counts.sampled;
  const measured = `${counts.withTraceId} of ${counts.sampled} sampled lines (${percent(share)}) of ${names} carry a trace id`;
  if (share < thresholds.minShare)
    return {
      status: "fail",
      detail: `${measured}, below ${percent(thresholds.minShare)}; e.g. ${JSON.stringify(quotableLine(without[0]!))}`,
      ...counts,
    };
  if (unread.length)
    return { status: "unknown", detail: `${measured}, but could not sample ${unread.join("; ")}`, ...counts };
  return { status: "pass", detail: `${measured} (minimum ${percent(thresholds.minShare)})`, ...counts };
};
