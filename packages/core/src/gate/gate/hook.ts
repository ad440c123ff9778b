import { randomUUID } from "node:crypto";
import { errorAttributes, type Log, silentLog } from "../../kernel/observability/log";
import type { ResultsTable } from "../../kernel/results/table";
import { runSmokeTest } from "../smoke/runner";
import type { SecretLoader } from "../smoke/tls-material";
import type { SmokeTarget } from "../smoke/types";
import { type HookResponse, hookExecutionKey, type LifecycleHookPayload, TEST_STAGE } from "./hook-payload";
import { type HookState, hookExecutions } from "./hook-executions";
import { GateRunsStore, type Provenance } from "./runs-store";
import { findGateService, type GateService } from "../../checklist/config/gate-services";
import { type SmokeTest, smokeSafely } from "./smoke-safely";

export interface HookDeps {
  readonly results: ResultsTable;
  readonly services: readonly GateService[];
  readonly smoke?: SmokeTest;
  /** Fetches `smoke.tls.secretId` (the client certificate) for the default smoke test. */
  readonly loadSecret?: SecretLoader;
  readonly now?: () => number;
  readonly log?: Log;
  /** Seconds ECS waits before calling again while the run is in progress (default 10). */
  readonly callBackDelaySeconds?: number;
  /** How long one invocation waits for the run before answering IN_PROGRESS (default 5000 ms). */
  readonly waitMs?: number;
  /** A RUNNING state older than this that no live run of this container owns is started again (default 10 min). */
  readonly staleAfterMs?: number;
  readonly recordedBy?: string;
  readonly commit?: string;
}

export interface LifecycleHook {
  handle(payload: LifecycleHookPayload): Promise<HookResponse>;
}

/**
 * The lifecycle hook at POST_TEST_TRAFFIC_SHIFT: smoke-tests the green revision through the test
 * endpoint without blocking. The first invocation claims the execution in the results table and
 * starts the run; each invocation waits at most `waitMs` for it, else answers IN_PROGRESS with a
 * callback delay. When the run is done its verdict is stored (run + state) and every later
 * invocation answers SUCCEEDED (PASS) or FAILED (FAIL, or INCONCLUSIVE: nothing unproven gets
 * production traffic); ECS rolls back natively on FAILED.
 *
 * The run lives in this container; a frozen container resumes it on its next invocation. Another
 * container seeing a fresh RUNNING state answers IN_PROGRESS; a stale one is started again.
 */
export const createLifecycleHook = (deps: HookDeps): LifecycleHook => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLog;
  const smoke =
    deps.smoke ??
    ((target, spec) => runSmokeTest(target, spec, deps.loadSecret ? { loadSecret: deps.loadSecret } : {}));
  const store = new GateRunsStore(deps.results, now);
  const executions = hookExecutions(deps.results, now);
  const owner = randomUUID();
  const running = new Map<string, Promise<HookState>>();
  const callBackDelay = deps.callBackDelaySeconds ?? 10;
  const waitMs = deps.waitMs ?? 5_000;
  const staleAfterMs = deps.staleAfterMs ?? 10 * 60_000;

  const start = (key: string, payload: LifecycleHookPayload, service: GateService): Promise<HookState> => {
    const target = testTarget(service, payload);
    const provenance: Provenance = {
      recordedBy: deps.recordedBy ?? "readiness-lifecycle-hook",
      trigger: "lifecycle-hook",
      hookExecutionId: key,
      ...(deps.commit ? { commit: deps.commit } : {}),
    };
    const work = (async (): Promise<HookState> => {
      const run = await smokeSafely(smoke, target, service.spec);
      await store.recordRun({
        runId: randomUUID(),
        service: payload.serviceArn,
        revision: payload.targetServiceRevisionArn,
        verdict: run.verdict,
        reason: run.reason,
        startedAt: run.startedAt,
        run,
        provenance,
      });
      await executions.done(key, run.verdict, run.reason);
      return { status: "DONE", startedAt: now(), owner, verdict: run.verdict, reason: run.reason };
    })();
    running.set(key, work);
    work.catch(async (error: unknown) => {
      // Forget the claim so the next invocation starts again instead of waiting for a run that died.
      log.error("the hook's smoke run could not be recorded; it will be started again", errorAttributes(error));
      running.delete(key);
      await executions.forget(key).catch(() => undefined);
    });
    return work;
  };

  const answer = (state: HookState): HookResponse =>
    state.verdict === "PASS" ? { hookStatus: "SUCCEEDED" } : { hookStatus: "FAILED" };

  const inProgress = (key: string): HookResponse => ({
    hookStatus: "IN_PROGRESS",
    callBackDelay,
    hookDetails: { readinessExecution: key },
  });

  const handle = async (payload: LifecycleHookPayload): Promise<HookResponse> => {
    if (payload.lifecycleStage !== TEST_STAGE) {
      log.info("not the test stage: nothing to check", { lifecycleStage: payload.lifecycleStage });
      return { hookStatus: "SUCCEEDED" };
    }
    const service = findGateService(deps.services, payload.serviceArn);
    if (!service) {
      // Fail closed: a hook attached to a service the gate cannot test must not wave it through.
      log.error("the hook's service is not in readiness.yml or has no smoke endpoint", {
        ecsService: payload.serviceArn,
      });
      return { hookStatus: "FAILED" };
    }
    const key = hookExecutionKey(payload);
    let work = running.get(key);
    if (!work) {
      const state = await executions.read(key);
      if (state?.status === "DONE") return answer(state);
      const claim = {
        executionKey: key,
        owner,
        service: payload.serviceArn,
        targetServiceRevisionArn: payload.targetServiceRevisionArn,
      };
      if (!(await executions.claim(claim, staleAfterMs))) return inProgress(key);
      work = start(key, payload, service);
    }
    const settled = await Promise.race([
      work.then(
        (state) => state,
        () => undefined,
      ),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs).unref()),
    ]);
    if (!settled) return inProgress(key);
    running.delete(key);
    log.info("hook smoke run finished", { verdict: settled.verdict, reason: settled.reason });
    return answer(settled);
  };

  return { handle };
};

/** The test listener's endpoint from the hook's details (`testEndpoint`), else the service's smoke endpoint. */
const testTarget = (service: GateService, payload: LifecycleHookPayload): SmokeTarget => {
  const testEndpoint = payload.hookDetails.testEndpoint;
  return typeof testEndpoint === "string" && testEndpoint !== ""
    ? { ...service.target, endpoint: testEndpoint }
    : service.target;
};
