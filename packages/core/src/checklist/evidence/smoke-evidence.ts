/*
 * post-deploy-smoke (evidence) and idempotent-writes (probe) decided from the smoke runs the
 * deployment gate recorded: what matters is the revision each service RUNS now, so a passing run
 * of an older revision proves nothing about the current one.
 */

import type { IdempotentReplay, Verdict } from "../../gate/smoke/types";
import type { ItemId } from "../catalogue/items";
import type { PartDecider } from "../engine/engine";
import type { ScopedService } from "../engine/scope";
import type { Finding, PartResult, Status } from "../model/finding";

export const POST_DEPLOY_SMOKE_ITEM = "post-deploy-smoke" satisfies ItemId;
export const IDEMPOTENT_WRITES_ITEM = "idempotent-writes" satisfies ItemId;

/** The newest recorded smoke run of the revision a service runs now. */
export interface RecordedSmoke {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly idempotentReplay: IdempotentReplay;
  readonly startedAt: string;
}

/** What is known about one ECS service (by inventory resource id). */
export interface ServiceSmokeHistory {
  /**
   * False when readiness.yml gives the service no smoke endpoint: the gate never tests it directly.
   * "unless-not-api" for a Config rule, which has no readiness.yml: the gate tests the services with
   * an endpoint, so any service may have runs, but one whose role is known not to be an API
   * (worker, DLQ processor) has none of its own: the API's run exercises it.
   */
  readonly gated: boolean | "unless-not-api";
  /** Task definition the service runs now; absent when the inventory does not say. */
  readonly runningRevision?: string;
  /** Newest run of `runningRevision`, if any was recorded. */
  readonly latest?: RecordedSmoke;
  /** Why the recorded runs could not be read (the results table refused or is missing). */
  readonly unreadable?: string;
}

type Decided = Omit<PartResult, "kind"> & { findings?: Finding[]; notConcerned?: readonly string[] };
type ServiceVerdict = { service: ScopedService; status: Status; detail: string };
export type SmokeVerdict = Omit<ServiceVerdict, "service">;

const revisionName = (arn: string): string => arn.split("/").pop() ?? arn;

/** post-deploy-smoke for one service: its running revision's newest run. */
export const postDeployVerdict = (history: ServiceSmokeHistory): Omit<ServiceVerdict, "service"> => {
  if (history.unreadable) return { status: "unknown", detail: `cannot read smoke runs: ${history.unreadable}` };
  if (!history.runningRevision) return { status: "unknown", detail: "the running revision is not known" };
  const revision = revisionName(history.runningRevision);
  const run = history.latest;
  if (!run) return { status: "unknown", detail: `no smoke run recorded for ${revision}` };
  if (run.verdict === "PASS") return { status: "pass", detail: `${revision} passed its smoke run of ${run.startedAt}` };
  if (run.verdict === "FAIL") return { status: "fail", detail: `${revision} failed its smoke run: ${run.reason}` };
  return { status: "unknown", detail: `${revision}'s smoke run was inconclusive: ${run.reason}` };
};

/** idempotent-writes for one service: the replay of its running revision's newest run. */
export const idempotencyVerdict = (history: ServiceSmokeHistory): Omit<ServiceVerdict, "service"> => {
  if (history.unreadable) return { status: "unknown", detail: `cannot read smoke runs: ${history.unreadable}` };
  const run = history.latest;
  const revision = history.runningRevision ? revisionName(history.runningRevision) : "the running revision";
  if (!run) return { status: "unknown", detail: `no smoke run with an idempotent replay recorded for ${revision}` };
  if (run.idempotentReplay === "same-task")
    return { status: "pass", detail: `${revision}: replaying the submit returned the same task` };
  if (run.idempotentReplay === "different-task")
    return { status: "fail", detail: `${revision}: replaying the submit with the same key created a second task` };
  return { status: "unknown", detail: `${revision}: the smoke run stopped before its replay (${run.reason})` };
};

const decide = (
  scope: readonly ScopedService[],
  histories: ReadonlyMap<string, ServiceSmokeHistory>,
  kind: "evidence" | "probe",
  verdictOf: (history: ServiceSmokeHistory) => Omit<ServiceVerdict, "service">,
): Decided => {
  const isGated = (s: ScopedService): boolean => {
    const gated = histories.get(s.resource.id)?.gated;
    return gated === "unless-not-api" ? s.role === undefined || s.role === "api" : gated === true;
  };
  const gated = scope.filter(isGated);
  const notGated = scope.filter((s) => !isGated(s));
  if (gated.length === 0)
    return {
      status: "unknown",
      reason: "no service in scope has smoke test settings (readiness.yml `smoke`): nothing is smoke-tested",
    };
  const verdicts: ServiceVerdict[] = gated.map((service) => ({
    service,
    ...verdictOf(histories.get(service.resource.id) as ServiceSmokeHistory),
  }));
  const findings: Finding[] = verdicts.map(({ service, status, detail }) => ({
    resource: service.resource.id,
    type: service.resource.type,
    status,
    reason: detail,
    kind,
  }));
  const status: Status = verdicts.some((v) => v.status === "fail")
    ? "fail"
    : verdicts.some((v) => v.status === "unknown")
      ? "unknown"
      : "pass";
  const shown = verdicts.filter((v) => v.status === status).map((v) => `${v.service.name}: ${v.detail}`);
  // Services without an endpoint of their own (worker, DLQ processor) are exercised through the API's run.
  const untested = notGated.length ? `; not smoke-tested directly: ${notGated.map((s) => s.name).join(", ")}` : "";
  return {
    status,
    reason: `${shown.join("; ")}${untested}`,
    findings,
    ...(notGated.length ? { notConcerned: notGated.map((s) => s.resource.id) } : {}),
  };
};

/** Decides post-deploy-smoke's evidence part and idempotent-writes' probe part from recorded runs. */
export const smokeEvidenceDecider =
  (histories: ReadonlyMap<string, ServiceSmokeHistory>): PartDecider =>
  (item, kind, scope) => {
    if (item.id === POST_DEPLOY_SMOKE_ITEM && kind === "evidence")
      return decide(scope.services, histories, kind, postDeployVerdict);
    if (item.id === IDEMPOTENT_WRITES_ITEM && kind === "probe")
      return decide(scope.services, histories, kind, idempotencyVerdict);
    return undefined;
  };
