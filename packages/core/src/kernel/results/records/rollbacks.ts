import { type Expression, expiryOf, type ItemKey, RECORD_KIND, rollbackKey } from "../layout";
import type { StoredItem } from "../table";
import type { Provenance } from "./smoke-runs";

export type RollbackMethod = "UpdateService" | "StopServiceDeployment";

/** The target of a StopServiceDeployment rollback: ECS returns to the deployment's source revision. */
export const ECS_NATIVE_TARGET = "ecs-native";

/** An automatic rollback the gate requested; status REQUESTED until the target's completion event consumes it. */
export interface RollbackRecord {
  readonly service: string;
  readonly fromRevision: string;
  /** Task definition ARN, or "ecs-native" when ECS picks the source revision (StopServiceDeployment). */
  readonly toRevision: string;
  readonly method: RollbackMethod;
  readonly requestedAt: string;
  readonly deploymentId: string;
  readonly provenance: Provenance;
  /** When the failed deployment was made (its event's `detail.updatedAt`): where the time to restore starts. */
  readonly deployedAt?: string;
}

/** A requested rollback not yet completed, with the key of its record. */
export interface PendingRollback extends RollbackRecord {
  readonly key: ItemKey;
}

const REQUESTED = "REQUESTED";
const COMPLETED = "COMPLETED";

/** The claim: written only when no rollback of `fromRevision` exists for any service (at most one per revision). */
export const rollbackClaim = (record: RollbackRecord, nowMs: number): { item: StoredItem; condition: Expression } => ({
  item: {
    ...rollbackKey(record.service, record.fromRevision, record.requestedAt),
    kind: RECORD_KIND.rollback,
    status: REQUESTED,
    ...record,
    ...expiryOf("rollback", nowMs),
  },
  condition: { expression: "attribute_not_exists(pk)" },
});

/** Among a service's rollbacks, those still REQUESTED to `revision` (or to any revision, for an ECS-native one). */
export const pendingRollbackFilter = (revision: string): Expression => ({
  expression: "#status = :requested AND (toRevision = :revision OR toRevision = :native)",
  names: { "#status": "status" },
  values: { ":requested": REQUESTED, ":revision": revision, ":native": ECS_NATIVE_TARGET },
});

/** Consumes a pending rollback: only while it is still REQUESTED, so one completion event takes it. */
export const rollbackCompletion = (at: string): { update: Expression; condition: Expression } => ({
  update: {
    expression: "SET #status = :completed, completedAt = :at",
    names: { "#status": "status" },
    values: { ":completed": COMPLETED, ":at": at },
  },
  condition: {
    expression: "#status = :requested",
    names: { "#status": "status" },
    values: { ":requested": REQUESTED },
  },
});

export const rollbackOfItem = (item: StoredItem): RollbackRecord | undefined => {
  const { service, fromRevision, toRevision, method, requestedAt, deploymentId, provenance, deployedAt } = item;
  if (typeof service !== "string" || typeof fromRevision !== "string" || typeof toRevision !== "string")
    return undefined;
  return {
    service,
    fromRevision,
    toRevision,
    method: method === "StopServiceDeployment" ? "StopServiceDeployment" : "UpdateService",
    requestedAt: typeof requestedAt === "string" ? requestedAt : "",
    deploymentId: typeof deploymentId === "string" ? deploymentId : "",
    provenance: provenance as Provenance,
    ...(typeof deployedAt === "string" ? { deployedAt } : {}),
  };
};

export const pendingRollbackOfItem = (item: StoredItem): PendingRollback | undefined => {
  const record = rollbackOfItem(item);
  return record ? { ...record, key: { pk: String(item.pk), sk: String(item.sk) } } : undefined;
};
