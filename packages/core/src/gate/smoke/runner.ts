import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { waitForCompletion } from "./complete";
import type { RunContext, StepOutcome } from "./context";
import { type ParsedEndpoint, parseEndpoint } from "./endpoint";
import { httpTransport } from "./http-transport";
import { replaySubmit } from "./replay";
import { resolveSpec } from "./spec";
import { submitTask } from "./submit";
import { loadClientTls, type SecretLoader, SecretUnavailableError } from "./tls-material";
import type { ClientTlsMaterial, TaskSnapshot, TaskTransport } from "./transport";
import type { IdempotentReplay, SmokeRun, SmokeSpec, SmokeStep, SmokeTarget, Verdict } from "./types";
import { verifyResult } from "./verify";

/** Everything the runner touches outside itself; tests swap the clock, the sleep and the transport. */
export interface SmokeDeps {
  /** Milliseconds since the epoch (sub-millisecond precision welcome). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly uuid?: () => string;
  readonly openTransport?: (
    endpoint: ParsedEndpoint,
    tls: ClientTlsMaterial | undefined,
  ) => TaskTransport | Promise<TaskTransport>;
  /** Fetches `target.tls.secretId` (see `secretsManagerLoader`). */
  readonly loadSecret?: SecretLoader;
  readonly readFile?: (path: string) => Promise<Buffer>;
}

/**
 * The transport for the endpoint's protocol. The gRPC one is imported on first use: @grpc/grpc-js
 * and protobufjs are about 390 KB of a Lambda bundle, and loading them on every cold start would
 * cost HTTP targets (most of them) init time for nothing. With code splitting they land in a chunk
 * of their own, loaded only when a gRPC target is smoke-tested.
 */
export const defaultOpenTransport = async (
  endpoint: ParsedEndpoint,
  tls: ClientTlsMaterial | undefined,
): Promise<TaskTransport> => {
  if (endpoint.protocol !== "grpc") return httpTransport(endpoint, tls);
  const { grpcTransport } = await import("./grpc-transport");
  return grpcTransport(endpoint, tls);
};

/**
 * Smoke-tests a task service: submit with a fresh Idempotency-Key, poll until the task finishes,
 * verify the result, replay the submit (same task, nothing new), compare the submit latency with
 * the SLO. Never throws for what the target does; throws `SmokeConfigError` for a target or spec
 * that cannot be run.
 */
export const runSmokeTest = async (
  target: SmokeTarget,
  specInput: SmokeSpec,
  deps: SmokeDeps = {},
): Promise<SmokeRun> => {
  const now = deps.now ?? (() => performance.timeOrigin + performance.now());
  const uuid = deps.uuid ?? randomUUID;
  const spec = resolveSpec(specInput, { uuid });
  const endpoint = parseEndpoint(target);
  const traceId = uuid().replace(/-/g, "");
  const traceparent = `00-${traceId}-${uuid().replace(/-/g, "").slice(0, 16)}-01`;
  const startedAt = now();
  const finish = (
    verdict: Verdict,
    failures: string[],
    steps: SmokeStep[],
    extra: Partial<SmokeRun> = {},
  ): SmokeRun => ({
    verdict,
    reason: failures[0] ?? "all checks passed",
    failures: verdict === "PASS" ? [] : failures,
    steps,
    sloSubmitMs: spec.sloSubmitMs,
    idempotentReplay: "not-run",
    traceId,
    ...extra,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(now()).toISOString(),
    target: { protocol: target.protocol, endpoint: target.endpoint, ...(target.tls ? { tls: { ...target.tls } } : {}) },
  });

  let tls: ClientTlsMaterial | undefined;
  try {
    tls = await loadClientTls(target.tls, { loadSecret: deps.loadSecret, readFile: deps.readFile });
  } catch (error) {
    if (error instanceof SecretUnavailableError) return finish("INCONCLUSIVE", [error.message], []);
    throw error;
  }

  const transport = await (deps.openTransport ?? defaultOpenTransport)(endpoint, tls);
  const ctx: RunContext = { spec, transport, traceparent, now, sleep: deps.sleep ?? ((ms) => delay(ms)) };
  try {
    return await runSteps(ctx, finish);
  } finally {
    transport.close();
  }
};

type Finish = (verdict: Verdict, failures: string[], steps: SmokeStep[], extra?: Partial<SmokeRun>) => SmokeRun;

const runSteps = async (ctx: RunContext, finish: Finish): Promise<SmokeRun> => {
  const steps: SmokeStep[] = [];
  const failures: string[] = [];
  const inconclusive: string[] = [];
  const record = (outcome: StepOutcome): void => {
    steps.push(outcome.step);
    if (outcome.failure) failures.push(outcome.failure);
    if (outcome.inconclusive) inconclusive.push(outcome.inconclusive);
  };
  const verdictNow = (): Verdict => (failures.length > 0 ? "FAIL" : inconclusive.length > 0 ? "INCONCLUSIVE" : "PASS");
  const reasons = () => (failures.length > 0 ? failures : inconclusive);

  const submitted = await submitTask(ctx);
  record(submitted);
  if (!submitted.task) return finish(verdictNow(), reasons(), steps);
  const taskId = submitted.task.taskId;
  const extra = (replay: IdempotentReplay): Partial<SmokeRun> => ({
    taskId,
    submitLatencyMs: submitted.latencyMs,
    idempotentReplay: replay,
  });

  const completed = await waitForCompletion(ctx, taskId);
  record(completed);
  // Without contact there is nothing more to learn: the replay would be unreachable too.
  if (completed.inconclusive) return finish(verdictNow(), reasons(), steps, extra("not-run"));
  if (completed.step.ok && completed.task) record(verifyResult(ctx, completed.task));

  // The replay runs even when the task did not finish: idempotency is its own checklist item.
  const seen: TaskSnapshot = completed.task ?? submitted.task;
  const replayed = await replaySubmit(ctx, seen);
  record(replayed);
  return finish(verdictNow(), reasons(), steps, extra(replayed.replay));
};
