import { randomUUID } from "node:crypto";
import type { ConfigServiceClient } from "@aws-sdk/client-config-service";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { errorAttributes, type Log, silentLog } from "../observability/log";
import type { ResultsTable } from "../results/table";
import { runSmokeTest } from "../smoke/runner";
import type { SecretLoader } from "../smoke/tls-material";
import { runningRevision, stopDeploymentWithRollback, updateServiceTo } from "./ecs";
import { type EcsDeploymentEvent, serviceNamesOf } from "./event";
import { emitOutcome, type GateOutcome, startPostDeployEvaluation } from "./outcome";
import { ECS_NATIVE_TARGET, GateRunsStore, type Provenance, type RollbackMethod } from "./runs-store";
import { findGateService, type GateService } from "./services";
import { type SmokeTest, smokeSafely } from "./smoke-safely";

export type GateStepName =
  | "event-received"
  | "revision-resolved"
  | "smoke-started"
  | "smoke-finished"
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

/** The post-deploy gate: smoke-test what a deployment put in service, record it, roll back a broken one. */
export const createGate = (deps: GateDeps): Gate => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLog;
  const store = new GateRunsStore(deps.results, now);
  const smoke =
    deps.smoke ??
    ((target, spec) => runSmokeTest(target, spec, deps.loadSecret ? { loadSecret: deps.loadSecret } : {}));
  const eventBusName = deps.eventBusName ?? "default";

  const handle = async (event: EcsDeploymentEvent): Promise<GateOutcome> => {
    const { eventName, deploymentId } = event.detail;
    const service = event.serviceArn;
    const step = (name: GateStepName, detail?: string) =>
      deps.onStep?.({ name, at: now(), service, deploymentId, ...(detail ? { detail } : {}) });
    step("event-received", eventName);
    const provenance: Provenance = {
      recordedBy: deps.recordedBy ?? "readiness-deployment-gate",
      trigger: "deployment-event",
      deploymentId,
      eventName,
      ...(deps.commit ? { commit: deps.commit } : {}),
    };
    const base = { service, eventName, deploymentId, rolledBack: false } as const;
    const configured = findGateService(deps.services, service);

    const decide = async (): Promise<GateOutcome> => {
      if (!configured)
        return {
          ...base,
          revision: "",
          verdict: "IGNORED",
          reason: "service not in readiness.yml (or it has no smoke endpoint)",
        };
      if (eventName === "SERVICE_DEPLOYMENT_IN_PROGRESS" && !configured.earlyCheck)
        return {
          ...base,
          revision: "",
          verdict: "IGNORED",
          reason: "in progress; early check not enabled for this service",
        };
      const { cluster, service: serviceName } = serviceNamesOf(service);
      const revision = await runningRevision(deps.ecs, cluster, serviceName);
      step("revision-resolved", revision);
      if (eventName === "SERVICE_DEPLOYMENT_FAILED")
        return {
          ...base,
          revision,
          verdict: "RECORDED",
          reason: `deployment failed: ${event.detail.reason || "no reason given"}`,
        };

      // What the loop guard needs does not depend on the verdict: read it while the smoke test runs,
      // so a FAIL reaches the rollback request without waiting for the table.
      const history = Promise.all([
        eventName === "SERVICE_DEPLOYMENT_COMPLETED" ? store.pendingRollbackTo(service, revision) : undefined,
        store.rollbacksOf(revision),
        store.lastKnownGood(service, revision),
      ]);
      history.catch(() => undefined); // awaited below; this only keeps a rejection from going unhandled meanwhile
      step("smoke-started", configured.target.endpoint);
      const run = await smokeSafely(smoke, configured.target, configured.spec);
      step("smoke-finished", `${run.verdict}: ${run.reason}`);
      const [pendingRollback, earlierRollbacks, knownGood] = await history;
      const recorded = store
        .recordRun({
          runId: randomUUID(),
          service,
          revision,
          verdict: run.verdict,
          reason: run.reason,
          startedAt: run.startedAt,
          run,
          provenance,
        })
        .then(() => step("run-recorded"));
      const tested = { ...base, revision, smokeRun: run };
      const failed = { ...tested, verdict: "FAIL" as const, reason: run.reason };

      // Never roll back a rollback: the completion of a rollback the gate requested is tested and
      // recorded, never reverted. The pending target is consumed once the run is stored, so a retried
      // event still recognises it.
      if (pendingRollback) {
        await recorded;
        await store.completeRollback(pendingRollback);
        if (run.verdict !== "FAIL") return { ...tested, verdict: run.verdict, reason: run.reason };
        step("rollback-skipped", "the deployment is the gate's own rollback");
        return {
          ...failed,
          alert: `the gate's own rollback to ${revision} failed its smoke test; not rolled back again (loop guard)`,
        };
      }
      if (run.verdict !== "FAIL") await recorded;
      if (run.verdict === "PASS") return { ...tested, verdict: "PASS", reason: run.reason };
      if (run.verdict === "INCONCLUSIVE") {
        return {
          ...tested,
          verdict: "INCONCLUSIVE",
          reason: run.reason,
          alert: `smoke test inconclusive, no rollback: ${run.reason}`,
        };
      }

      const skip = async (alert: string): Promise<GateOutcome> => {
        await recorded;
        step("rollback-skipped", alert);
        return { ...failed, alert };
      };
      const already = `${revision} was already rolled back once; at most one automatic rollback per revision`;
      if (earlierRollbacks.some((earlier) => earlier.service === service)) return skip(already);
      const method: RollbackMethod =
        eventName === "SERVICE_DEPLOYMENT_IN_PROGRESS" ? "StopServiceDeployment" : "UpdateService";
      if (method === "UpdateService" && !knownGood)
        return skip(`no known good revision of ${serviceName} to roll back to: fix forward or roll back by hand`);
      const target = method === "UpdateService" && knownGood ? knownGood : ECS_NATIVE_TARGET;
      const [claim, record] = await Promise.allSettled([
        store.claimRollback({
          service,
          fromRevision: revision,
          toRevision: target,
          method,
          requestedAt: new Date(now()).toISOString(),
          deploymentId,
          provenance,
        }),
        recorded,
      ]);
      if (claim.status === "rejected") throw claim.reason;
      // The claim is the atomic guard: a concurrent copy that got past the check above stops here.
      if (!claim.value) return skip(already);
      // Claimed: roll back even when the run could not be stored (a retry would find the claim and never roll back).
      let unstored: string | undefined;
      if (record.status === "rejected") {
        unstored = `the smoke run could not be stored: ${(record.reason as Error).message}`;
        log.error("the smoke run could not be stored; rolling back anyway", errorAttributes(record.reason));
      }
      step("rollback-requested", `${method} → ${target}`);
      try {
        if (method === "UpdateService") await updateServiceTo(deps.ecs, cluster, serviceName, target);
        else await stopDeploymentWithRollback(deps.ecs, cluster, serviceName, deploymentId);
      } catch (error) {
        log.error("the rollback request failed", errorAttributes(error));
        const alert = `rollback to ${target} failed: ${(error as Error).message}`;
        return { ...failed, rollbackTo: target, alert: unstored ? `${alert}; ${unstored}` : alert };
      }
      return { ...failed, rollbackTo: target, rolledBack: true, ...(unstored ? { alert: unstored } : {}) };
    };

    const outcome = await decide();
    log.info("gate outcome", {
      verdict: outcome.verdict,
      reason: outcome.reason,
      revision: outcome.revision,
      rolledBack: outcome.rolledBack,
      ...(outcome.rollbackTo ? { rollbackTo: outcome.rollbackTo } : {}),
      ...(outcome.alert ? { alert: outcome.alert } : {}),
    });
    if (outcome.verdict !== "IGNORED") {
      const { smokeRun: _run, ...summary } = outcome;
      await store.recordOutcome({ ...summary, at: new Date(now()).toISOString(), provenance });
    }
    await emitOutcome(deps.events, eventBusName, outcome);
    step("outcome-emitted", outcome.verdict);
    if (outcome.verdict !== "IGNORED" && deps.postDeploySmokeRule) {
      if (await startPostDeployEvaluation(deps.config, deps.postDeploySmokeRule, log))
        step("evaluation-started", deps.postDeploySmokeRule);
    }
    return outcome;
  };

  return { handle, store };
};
