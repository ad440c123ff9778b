import { randomUUID } from "node:crypto";
import type { ConfigServiceClient } from "@aws-sdk/client-config-service";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { findGateService, type GateService } from "../../checklist/config/gate-services";
import { errorAttributes, type Log, silentLog } from "../../kernel/observability/log";
import { recordEvidence } from "../../kernel/results/evidence";
import type { ResultsTable } from "../../kernel/results/table";
import { hasClientCertificate, mtlsEvidenceOf } from "../smoke/mtls-evidence";
import { type MtlsProbeResult, probeMtls } from "../smoke/mtls-probe";
import { runSmokeTest } from "../smoke/runner";
import type { SecretLoader } from "../smoke/tls-material";
import type { SmokeRun, SmokeTarget } from "../smoke/types";
import { runningRevision, stopDeploymentWithRollback, updateServiceTo } from "./ecs";
import { type EcsDeploymentEvent, serviceNamesOf } from "./event";
import { emitOutcome, type GateOutcome, startPostDeployEvaluation } from "./outcome";
import { rollbackEvidence } from "./rollback-evidence";
import {
  ECS_NATIVE_TARGET,
  GateRunsStore,
  type PendingRollback,
  type Provenance,
  type RollbackMethod,
  type RollbackRecord,
} from "./runs-store";
import { type SmokeTest, smokeSafely } from "./smoke-safely";

export type GateStepName =
  | "event-received"
  | "revision-resolved"
  | "smoke-started"
  | "smoke-finished"
  | "mtls-recorded"
  | "run-recorded"
  | "rollback-requested"
  | "rollback-skipped"
  | "outcome-emitted"
  | "evaluation-started";

/** One point of the gate's timeline (the demo prints them, the bench times them). */
export interface GateStep {
  readonly name: GateStepName;
  /** `now()` when the step happened (ms). */
  readonly at: number;
  readonly service: string;
  readonly deploymentId: string;
  readonly detail?: string;
}

export interface GateDeps {
  readonly ecs: ECSClient;
  readonly events: EventBridgeClient;
  readonly config: ConfigServiceClient;
  /** The results table: smoke runs, rollback claims and outcomes. */
  readonly results: ResultsTable;
  /** Default "default". */
  readonly eventBusName?: string;
  /** Config rule to StartConfigRulesEvaluation after every recorded outcome. */
  readonly postDeploySmokeRule?: string;
  readonly services: readonly GateService[];
  /** Default `runSmokeTest`. */
  readonly smoke?: SmokeTest;
  /** Fetches `smoke.tls.secretId` (the client certificate) for the default smoke test. */
  readonly loadSecret?: SecretLoader;
  /**
   * The mTLS handshake probe (default `probeMtls`), run beside the smoke test of every target that
   * names a client certificate; its verdict is recorded as the `mtls` item's evidence.
   */
  readonly probeMtls?: (target: SmokeTarget) => Promise<MtlsProbeResult>;
  readonly now?: () => number;
  readonly onStep?: (step: GateStep) => void;
  readonly log?: Log;
  /** Recorded on every item (default "readiness-deployment-gate"). */
  readonly recordedBy?: string;
  readonly commit?: string;
}

export interface Gate {
  handle(event: EcsDeploymentEvent): Promise<GateOutcome>;
  readonly store: GateRunsStore;
}

/** What every decision shares: the dependencies with their defaults filled in. */
interface GateContext {
  readonly deps: GateDeps;
  readonly now: () => number;
  readonly log: Log;
  readonly store: GateRunsStore;
  readonly smoke: SmokeTest;
  readonly probeMtls: (target: SmokeTarget) => Promise<MtlsProbeResult>;
}

/** One deployment event on its way through the gate. */
interface GateRun {
  readonly event: EcsDeploymentEvent;
  /** Service ARN. */
  readonly service: string;
  readonly cluster: string;
  readonly serviceName: string;
  readonly provenance: Provenance;
  /** The fields every outcome of this event starts with. */
  readonly base: Pick<GateOutcome, "service" | "eventName" | "deploymentId" | "rolledBack">;
  readonly step: (name: GateStepName, detail?: string) => void;
  /** Work that runs beside the decision (the mTLS probe) and must end before the event is done. */
  readonly beside: Promise<void>[];
}

/** What the loop guard needs, read while the smoke test runs (it does not depend on the verdict). */
interface LoopGuard {
  /** A rollback the gate requested to this revision, which this deployment completes. */
  readonly pendingRollback: PendingRollback | undefined;
  readonly earlierRollbacks: readonly RollbackRecord[];
  readonly knownGood: string | undefined;
}

/** An event whose revision was smoke-tested: the outcome but its verdict. */
type TestedOutcome = Omit<GateOutcome, "verdict" | "reason"> & { readonly smokeRun: SmokeRun };
type FailedOutcome = TestedOutcome & { readonly verdict: "FAIL"; readonly reason: string };

/** The post-deploy gate: smoke-test what a deployment put in service, record it, roll back a broken one. */
export const createGate = (deps: GateDeps): Gate => {
  const ctx: GateContext = {
    deps,
    now: deps.now ?? Date.now,
    log: deps.log ?? silentLog,
    store: new GateRunsStore(deps.results, deps.now ?? Date.now),
    smoke:
      deps.smoke ??
      ((target, spec) => runSmokeTest(target, spec, deps.loadSecret ? { loadSecret: deps.loadSecret } : {})),
    probeMtls:
      deps.probeMtls ?? ((target) => probeMtls(target, deps.loadSecret ? { loadSecret: deps.loadSecret } : {})),
  };
  const handle = async (event: EcsDeploymentEvent): Promise<GateOutcome> => {
    const run = beginRun(ctx, event);
    run.step("event-received", event.detail.eventName);
    const outcome = await decide(ctx, run);
    await announce(ctx, run, outcome);
    await Promise.all(run.beside);
    return outcome;
  };
  return { handle, store: ctx.store };
};

const beginRun = (ctx: GateContext, event: EcsDeploymentEvent): GateRun => {
  const { eventName, deploymentId } = event.detail;
  const service = event.serviceArn;
  const { cluster, service: serviceName } = serviceNamesOf(service);
  return {
    event,
    service,
    cluster,
    serviceName,
    provenance: {
      recordedBy: ctx.deps.recordedBy ?? "readiness-deployment-gate",
      trigger: "deployment-event",
      deploymentId,
      eventName,
      ...(ctx.deps.commit ? { commit: ctx.deps.commit } : {}),
    },
    base: { service, eventName, deploymentId, rolledBack: false },
    step: (name, detail) =>
      ctx.deps.onStep?.({ name, at: ctx.now(), service, deploymentId, ...(detail ? { detail } : {}) }),
    beside: [],
  };
};

/** The gate's decision for one event: ignore it, record it, or smoke-test what runs and act on the verdict. */
const decide = async (ctx: GateContext, run: GateRun): Promise<GateOutcome> => {
  const { eventName } = run.event.detail;
  const configured = findGateService(ctx.deps.services, run.service);
  if (!configured) return ignore(run, "service not in readiness.yml (or it has no smoke endpoint)");
  if (eventName === "SERVICE_DEPLOYMENT_IN_PROGRESS" && !configured.earlyCheck)
    return ignore(run, "in progress; early check not enabled for this service");
  const revision = await resolveRevision(ctx, run);
  if (eventName === "SERVICE_DEPLOYMENT_FAILED")
    return {
      ...run.base,
      revision,
      verdict: "RECORDED",
      reason: `deployment failed: ${run.event.detail.reason || "no reason given"}`,
    };

  // Read while the smoke test runs, so a FAIL reaches the rollback request without waiting for the table.
  const guard = readLoopGuard(ctx, run, revision);
  // Beside the smoke test, not before it: the handshakes never delay the verdict or a rollback.
  if (hasClientCertificate(configured.target)) run.beside.push(recordMtlsProbe(ctx, run, configured, revision));
  const smokeRun = await smokeTest(ctx, run, configured);
  const { pendingRollback, earlierRollbacks, knownGood } = await guard;
  const recorded = recordRun(ctx, run, revision, smokeRun);
  const tested: TestedOutcome = { ...run.base, revision, smokeRun };

  if (pendingRollback) return concludeOwnRollback(ctx, run, tested, pendingRollback, recorded);
  if (smokeRun.verdict === "PASS") {
    await recorded;
    return { ...tested, verdict: "PASS", reason: smokeRun.reason };
  }
  if (smokeRun.verdict === "INCONCLUSIVE") {
    await recorded;
    return {
      ...tested,
      verdict: "INCONCLUSIVE",
      reason: smokeRun.reason,
      alert: `smoke test inconclusive, no rollback: ${smokeRun.reason}`,
    };
  }
  return rollBack(
    ctx,
    run,
    { ...tested, verdict: "FAIL", reason: smokeRun.reason },
    { earlierRollbacks, knownGood },
    recorded,
  );
};

const ignore = (run: GateRun, reason: string): GateOutcome => ({
  ...run.base,
  revision: "",
  verdict: "IGNORED",
  reason,
});

/** The task definition the service runs now: what the smoke test tests, and what a rollback leaves. */
const resolveRevision = async (ctx: GateContext, run: GateRun): Promise<string> => {
  const revision = await runningRevision(ctx.deps.ecs, run.cluster, run.serviceName);
  run.step("revision-resolved", revision);
  return revision;
};

const readLoopGuard = (ctx: GateContext, run: GateRun, revision: string): Promise<LoopGuard> => {
  const reads = Promise.all([
    run.event.detail.eventName === "SERVICE_DEPLOYMENT_COMPLETED"
      ? ctx.store.pendingRollbackTo(run.service, revision)
      : undefined,
    ctx.store.rollbacksOf(revision),
    ctx.store.lastKnownGood(run.service, revision),
  ]).then(([pendingRollback, earlierRollbacks, knownGood]) => ({ pendingRollback, earlierRollbacks, knownGood }));
  reads.catch(() => undefined); // awaited after the smoke test; this only keeps a rejection from going unhandled meanwhile
  return reads;
};

const smokeTest = async (ctx: GateContext, run: GateRun, configured: GateService): Promise<SmokeRun> => {
  run.step("smoke-started", configured.target.endpoint);
  const smokeRun = await smokeSafely(ctx.smoke, configured.target, configured.spec);
  run.step("smoke-finished", `${smokeRun.verdict}: ${smokeRun.reason}`);
  return smokeRun;
};

/**
 * Probes the target's mTLS handshake and records what it decided as the `mtls` evidence of the
 * service and revision. Never fails the gate: a probe or a write that fails is logged.
 */
const recordMtlsProbe = async (
  ctx: GateContext,
  run: GateRun,
  configured: GateService,
  revision: string,
): Promise<void> => {
  try {
    const probe = await ctx.probeMtls(configured.target);
    const record = mtlsEvidenceOf(probe, configured.target, {
      service: run.service,
      revision,
      at: new Date(ctx.now()),
      evidenceId: randomUUID(),
      provenance: {
        source: ctx.deps.recordedBy ?? "readiness-deployment-gate",
        ...(ctx.deps.commit ? { gitCommit: ctx.deps.commit } : {}),
      },
    });
    if (!record) {
      ctx.log.info("mTLS probe undecided; nothing recorded", { reason: probe.reason });
      return;
    }
    await recordEvidence(ctx.deps.results, record);
    run.step("mtls-recorded", `${probe.verdict}: ${probe.reason}`);
  } catch (error) {
    ctx.log.error("the mTLS probe could not be recorded", errorAttributes(error));
  }
};

/** Stores the run (and its revision's tally); a FAIL does not wait for it before claiming the rollback. */
const recordRun = (ctx: GateContext, run: GateRun, revision: string, smokeRun: SmokeRun): Promise<void> =>
  ctx.store
    .recordRun({
      runId: randomUUID(),
      service: run.service,
      revision,
      verdict: smokeRun.verdict,
      reason: smokeRun.reason,
      startedAt: smokeRun.startedAt,
      run: smokeRun,
      provenance: run.provenance,
    })
    .then(() => run.step("run-recorded"));

/**
 * Never roll back a rollback: the completion of a rollback the gate requested is tested and
 * recorded, never reverted. The pending target is consumed once the run is stored, so a retried
 * event still recognises it.
 */
const concludeOwnRollback = async (
  ctx: GateContext,
  run: GateRun,
  tested: TestedOutcome,
  pending: PendingRollback,
  recorded: Promise<void>,
): Promise<GateOutcome> => {
  await recorded;
  // Only the event that consumes the pending rollback records it: a retried copy does not record twice.
  if (await ctx.store.completeRollback(pending)) await recordRestore(ctx, run, tested, pending);
  const { smokeRun } = tested;
  if (smokeRun.verdict !== "FAIL") return { ...tested, verdict: smokeRun.verdict, reason: smokeRun.reason };
  run.step("rollback-skipped", "the deployment is the gate's own rollback");
  return {
    ...tested,
    verdict: "FAIL",
    reason: smokeRun.reason,
    alert: `the gate's own rollback to ${tested.revision} failed its smoke test; not rolled back again (loop guard)`,
  };
};

/**
 * The gate's own rollback, completed, is rollback-tested evidence: the time from the failed
 * deployment to the restored revision, and whether the restored revision passed its smoke test.
 * A failed write is logged, never fails the gate's decision.
 */
const recordRestore = async (
  ctx: GateContext,
  run: GateRun,
  tested: TestedOutcome,
  pending: PendingRollback,
): Promise<void> => {
  const evidence = rollbackEvidence(pending, {
    service: run.service,
    revision: tested.revision,
    restoredAt: run.event.detail.updatedAt,
    smokeRun: tested.smokeRun,
    recordedAt: new Date(ctx.now()).toISOString(),
    source: run.provenance.recordedBy,
    ...(ctx.deps.commit ? { gitCommit: ctx.deps.commit } : {}),
  });
  await recordEvidence(ctx.deps.results, evidence).catch((error: unknown) =>
    ctx.log.error("the rollback evidence could not be recorded", errorAttributes(error)),
  );
};

type RollbackPlan =
  | { readonly skip: string }
  | { readonly method: RollbackMethod; readonly target: string; readonly skip?: undefined };

/** Pure: how to roll back a failed revision, or why not (the loop guard and the last known good revision). */
const planRollback = (
  run: GateRun,
  revision: string,
  guard: Pick<LoopGuard, "earlierRollbacks" | "knownGood">,
): RollbackPlan => {
  if (guard.earlierRollbacks.some((earlier) => earlier.service === run.service))
    return { skip: alreadyRolledBack(revision) };
  const method: RollbackMethod =
    run.event.detail.eventName === "SERVICE_DEPLOYMENT_IN_PROGRESS" ? "StopServiceDeployment" : "UpdateService";
  if (method === "UpdateService" && !guard.knownGood)
    return { skip: `no known good revision of ${run.serviceName} to roll back to: fix forward or roll back by hand` };
  return { method, target: method === "UpdateService" && guard.knownGood ? guard.knownGood : ECS_NATIVE_TARGET };
};

const alreadyRolledBack = (revision: string): string =>
  `${revision} was already rolled back once; at most one automatic rollback per revision`;

const rollBack = async (
  ctx: GateContext,
  run: GateRun,
  failed: FailedOutcome,
  guard: Pick<LoopGuard, "earlierRollbacks" | "knownGood">,
  recorded: Promise<void>,
): Promise<GateOutcome> => {
  const skip = async (alert: string): Promise<GateOutcome> => {
    await recorded;
    run.step("rollback-skipped", alert);
    return { ...failed, alert };
  };
  const plan = planRollback(run, failed.revision, guard);
  if (plan.skip !== undefined) return skip(plan.skip);
  const claim = await claimRollback(ctx, run, failed.revision, plan, recorded);
  // The claim is the atomic guard: a concurrent copy that got past the plan stops here.
  if (!claim.claimed) return skip(alreadyRolledBack(failed.revision));
  return requestRollback(ctx, run, failed, plan, claim.unstored);
};

/**
 * Claims the revision's one automatic rollback while the run is being stored. Claimed: roll back
 * even when the run could not be stored (a retry would find the claim and never roll back).
 */
const claimRollback = async (
  ctx: GateContext,
  run: GateRun,
  revision: string,
  plan: { readonly method: RollbackMethod; readonly target: string },
  recorded: Promise<void>,
): Promise<{ readonly claimed: boolean; readonly unstored?: string }> => {
  const [claim, record] = await Promise.allSettled([
    ctx.store.claimRollback({
      service: run.service,
      fromRevision: revision,
      toRevision: plan.target,
      method: plan.method,
      requestedAt: new Date(ctx.now()).toISOString(),
      deploymentId: run.event.detail.deploymentId,
      provenance: run.provenance,
      deployedAt: run.event.detail.updatedAt,
    }),
    recorded,
  ]);
  if (claim.status === "rejected") throw claim.reason;
  if (!claim.value) return { claimed: false };
  if (record.status === "fulfilled") return { claimed: true };
  ctx.log.error("the smoke run could not be stored; rolling back anyway", errorAttributes(record.reason));
  return { claimed: true, unstored: `the smoke run could not be stored: ${(record.reason as Error).message}` };
};

const requestRollback = async (
  ctx: GateContext,
  run: GateRun,
  failed: FailedOutcome,
  plan: { readonly method: RollbackMethod; readonly target: string },
  unstored: string | undefined,
): Promise<GateOutcome> => {
  const { method, target } = plan;
  run.step("rollback-requested", `${method} → ${target}`);
  try {
    if (method === "UpdateService") await updateServiceTo(ctx.deps.ecs, run.cluster, run.serviceName, target);
    else await stopDeploymentWithRollback(ctx.deps.ecs, run.cluster, run.serviceName, run.event.detail.deploymentId);
  } catch (error) {
    ctx.log.error("the rollback request failed", errorAttributes(error));
    const alert = `rollback to ${target} failed: ${(error as Error).message}`;
    return { ...failed, rollbackTo: target, alert: unstored ? `${alert}; ${unstored}` : alert };
  }
  return { ...failed, rollbackTo: target, rolledBack: true, ...(unstored ? { alert: unstored } : {}) };
};

/** Every terminal path: log the outcome, store it (unless ignored), emit the event, start the Config evaluation. */
const announce = async (ctx: GateContext, run: GateRun, outcome: GateOutcome): Promise<void> => {
  ctx.log.info("gate outcome", {
    verdict: outcome.verdict,
    reason: outcome.reason,
    revision: outcome.revision,
    rolledBack: outcome.rolledBack,
    ...(outcome.rollbackTo ? { rollbackTo: outcome.rollbackTo } : {}),
    ...(outcome.alert ? { alert: outcome.alert } : {}),
  });
  if (outcome.verdict !== "IGNORED") {
    const { smokeRun: _run, ...summary } = outcome;
    await ctx.store.recordOutcome({ ...summary, at: new Date(ctx.now()).toISOString(), provenance: run.provenance });
  }
  await emitOutcome(ctx.deps.events, ctx.deps.eventBusName ?? "default", outcome);
  run.step("outcome-emitted", outcome.verdict);
  const rule = ctx.deps.postDeploySmokeRule;
  if (outcome.verdict !== "IGNORED" && rule && (await startPostDeployEvaluation(ctx.deps.config, rule, ctx.log)))
    run.step("evaluation-started", rule);
};
