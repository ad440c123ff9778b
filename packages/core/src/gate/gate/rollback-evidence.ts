import { randomUUID } from "node:crypto";
import type { EvidenceRecord } from "../../kernel/results/evidence";
import type { RollbackRecord } from "../../kernel/results/records/rollbacks";
import type { SmokeRun } from "../smoke/types";

export interface RestoredRevision {
  /** The service ARN. */
  readonly service: string;
  /** The task definition the rollback restored (the one the completion event's service runs). */
  readonly revision: string;
  /** When ECS completed the rollback deployment (its event's `detail.updatedAt`). */
  readonly restoredAt: string;
  /** The restored revision's smoke test. */
  readonly smokeRun: Pick<SmokeRun, "verdict" | "reason">;
  readonly recordedAt: string;
  readonly source: string;
  readonly gitCommit?: string;
}

const secondsBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 100) / 10;

/**
 * Pure: a completed automatic rollback as rollback-tested evidence. It passes when the restored
 * revision passed its smoke test (the rollback gave back a working service), and fails otherwise.
 */
export const rollbackEvidence = (rollback: RollbackRecord, restored: RestoredRevision): EvidenceRecord => {
  const from = rollback.deployedAt ?? rollback.requestedAt;
  const restoreSeconds = secondsBetween(from, restored.restoredAt);
  const passed = restored.smokeRun.verdict === "PASS";
  const what = `automatic rollback (${rollback.method}) from ${rollback.fromRevision} restored ${restored.revision} ${restoreSeconds} s after the deployment`;
  return {
    itemId: "rollback-tested",
    service: restored.service,
    revision: restored.revision,
    recordedAt: restored.recordedAt,
    evidenceId: randomUUID(),
    provenance: { source: restored.source, ...(restored.gitCommit ? { gitCommit: restored.gitCommit } : {}) },
    figures: {
      restoreSeconds,
      rollbackRequestSeconds: secondsBetween(from, rollback.requestedAt),
      fromRevision: rollback.fromRevision,
      method: rollback.method,
      restoredSmokeVerdict: restored.smokeRun.verdict,
    },
    verdict: passed ? "pass" : "fail",
    reason: passed
      ? `${what}; it passed its smoke test`
      : `${what}, but the restored revision failed its smoke test: ${restored.smokeRun.reason}`,
  };
};
