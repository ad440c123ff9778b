import type { SmokeRun, Verdict } from "../../../gate/smoke/types";
import { expiryOf, type Expression, type ItemKey, RECORD_KIND, revisionTallyKey, smokeRunKey } from "../layout";
import type { StoredItem } from "../table";

/** Who and what recorded an item. */
export interface Provenance {
  /** The recording component, e.g. "readiness-deployment-gate". */
  readonly recordedBy: string;
  /** What triggered it: a deployment event or a lifecycle hook invocation. */
  readonly trigger: "deployment-event" | "lifecycle-hook";
  readonly deploymentId?: string;
  readonly eventName?: string;
  readonly hookExecutionId?: string;
  /** The commit of the gate's code, when the deployment sets it (READINESS_COMMIT). */
  readonly commit?: string;
}

/** One smoke run of a service's revision, as the gate or the lifecycle hook recorded it. */
export interface RunRecord {
  readonly runId: string;
  /** Service ARN. */
  readonly service: string;
  /** Task definition ARN the run tested (a service revision ARN for the lifecycle hook). */
  readonly revision: string;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly startedAt: string;
  readonly run: SmokeRun;
  readonly provenance: Provenance;
}

/** How a revision of a service fared: counts of PASS and FAIL runs, and when it last passed (ISO 8601). */
export interface RevisionTally {
  readonly revision: string;
  readonly passes: number;
  readonly fails: number;
  readonly lastPassAt?: string;
}

export const smokeRunItem = (record: RunRecord, nowMs: number): StoredItem => ({
  ...smokeRunKey(record.service, record.startedAt, record.runId),
  kind: RECORD_KIND.smokeRun,
  ...record,
  ...expiryOf("smokeRun", nowMs),
});

/** The run's count in its revision's tally (one small item per revision, so the loop guard reads no runs). */
export const revisionTallyUpdate = (record: RunRecord): { key: ItemKey; update: Expression } => {
  const pass = record.verdict === "PASS";
  return {
    key: revisionTallyKey(record.service, record.revision),
    update: {
      expression: `SET #revision = :revision, #kind = :kind${pass ? ", #lastPassAt = :at" : ""} ADD #passes :pass, #fails :fail`,
      names: {
        "#revision": "revision",
        "#kind": "kind",
        "#passes": "passes",
        "#fails": "fails",
        ...(pass ? { "#lastPassAt": "lastPassAt" } : {}),
      },
      values: {
        ":revision": record.revision,
        ":kind": RECORD_KIND.revisionTally,
        ":pass": pass ? 1 : 0,
        ":fail": record.verdict === "FAIL" ? 1 : 0,
        ...(pass ? { ":at": record.startedAt } : {}),
      },
    },
  };
};

export const runOfItem = (item: StoredItem): RunRecord | undefined => {
  const { runId, service, revision, verdict, reason, startedAt, run, provenance } = item;
  if (typeof runId !== "string" || typeof service !== "string" || typeof revision !== "string") return undefined;
  if (verdict !== "PASS" && verdict !== "FAIL" && verdict !== "INCONCLUSIVE") return undefined;
  return {
    runId,
    service,
    revision,
    verdict,
    reason: typeof reason === "string" ? reason : "",
    startedAt: typeof startedAt === "string" ? startedAt : "",
    run: run as SmokeRun,
    provenance: provenance as Provenance,
  };
};

export const tallyOfItem = (item: StoredItem): RevisionTally | undefined =>
  typeof item.revision === "string"
    ? {
        revision: item.revision,
        passes: Number(item.passes ?? 0),
        fails: Number(item.fails ?? 0),
        ...(typeof item.lastPassAt === "string" ? { lastPassAt: item.lastPassAt } : {}),
      }
    : undefined;
