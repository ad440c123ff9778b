import { reverse } from "@readiness/core/gate/smoke/spec";
import type { CallResult, GetCall, SubmitCall, TaskSnapshot, TaskTransport } from "@readiness/core/gate/smoke/transport";

/** A clock that only moves when slept on or advanced: runs take no real time and are repeatable. */
export class FakeClock {
  private nowMs = Date.UTC(2026, 0, 1, 10, 0, 0);
  readonly sleeps: number[] = [];

  now = (): number => this.nowMs;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.nowMs += ms;
  };

  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** The fault switch of the example service, plus failures only a fake can stage. */
export type FakeFault =
  | "none"
  | "never-complete"
  | "wrong-result"
  | "api-5xx"
  | "slow"
  | "ignore-idempotency"
  | "recreate-on-replay"
  | "task-fails"
  | "unreachable";

export interface FakeServiceOptions {
  readonly fault?: FakeFault;
  /** Time from submit to COMPLETED (default 250 ms). */
  readonly completesAfterMs?: number;
  /** Time each request takes (default 5 ms); `slow` adds `slowMs`. */
  readonly latencyMs?: number;
  readonly slowMs?: number;
  /** Answers given before the service's own, call by call, e.g. two unreachable submits then normal. */
  readonly submitScript?: readonly CallResult[];
  readonly getScript?: readonly CallResult[];
}

interface StoredTask {
  readonly taskId: string;
  readonly input: string;
  readonly submittedAt: number;
  readonly createdAt: string;
}

const refused: CallResult = { outcome: "unreachable", detail: "connection refused (connect ECONNREFUSED 127.0.0.1:9)" };

/**
 * An in-memory task service behind the `TaskTransport` seam, driven by a `FakeClock`, that behaves
 * like examples/task-service (including its FAULT_MODEs) so every verdict path can be exercised.
 */
export class FakeTaskService implements TaskTransport {
  readonly submits: SubmitCall[] = [];
  readonly gets: GetCall[] = [];
  closed = false;
  private readonly byKey = new Map<string, StoredTask>();
  private readonly byId = new Map<string, StoredTask>();
  private readonly submitScript: CallResult[];
  private readonly getScript: CallResult[];
  private nextId = 1;

  constructor(
    private readonly clock: FakeClock,
    private readonly options: FakeServiceOptions = {},
  ) {
    this.submitScript = [...(options.submitScript ?? [])];
    this.getScript = [...(options.getScript ?? [])];
  }

  get fault(): FakeFault {
    return this.options.fault ?? "none";
  }

  async submit(call: SubmitCall): Promise<CallResult> {
    this.submits.push(call);
    const scripted = this.submitScript.shift();
    if (scripted) return this.answer(scripted);
    if (this.fault === "unreachable") return refused;
    if (this.fault === "slow") this.clock.advance(this.options.slowMs ?? 400);
    if (this.fault === "api-5xx") return this.answer({ outcome: "rejected", status: "HTTP 500", detail: "injected fault: api-5xx" });
    const earlier = this.byKey.get(call.idempotencyKey);
    if (earlier && this.fault !== "ignore-idempotency") {
      if (this.fault === "recreate-on-replay") this.store(call, earlier.taskId);
      return this.answer({ outcome: "answered", answer: "HTTP 200", task: this.view(this.byId.get(earlier.taskId)!, true) });
    }
    const task = this.store(call, `task-${this.nextId++}`);
    return this.answer({ outcome: "answered", answer: "HTTP 202", task: { taskId: task.taskId, status: "PENDING", replayed: false } });
  }

  async get(call: GetCall): Promise<CallResult> {
    this.gets.push(call);
    const scripted = this.getScript.shift();
    if (scripted) return this.answer(scripted);
    if (this.fault === "unreachable") return refused;
    const task = this.byId.get(call.taskId);
    if (!task) return this.answer({ outcome: "rejected", status: "HTTP 404", detail: `task ${call.taskId} not found`, notFound: true });
    return this.answer({ outcome: "answered", answer: "HTTP 200", task: this.view(task, false) });
  }

  close(): void {
    this.closed = true;
  }

  /** Tasks the service holds, replays that re-created one included. */
  get taskCount(): number {
    return this.byId.size;
  }

  private store(call: SubmitCall, taskId: string): StoredTask {
    const task = {
      taskId,
      input: call.input,
      submittedAt: this.clock.now(),
      createdAt: new Date(this.clock.now()).toISOString(),
    };
    this.byKey.set(call.idempotencyKey, task);
    this.byId.set(taskId, task);
    return task;
  }

  private view(task: StoredTask, replayed: boolean): TaskSnapshot {
    const done = this.clock.now() - task.submittedAt >= (this.options.completesAfterMs ?? 250);
    const base = { taskId: task.taskId, input: task.input, createdAt: task.createdAt, replayed };
    if (!done || this.fault === "never-complete") return { ...base, status: done ? "RUNNING" : "PENDING" };
    if (this.fault === "task-fails") return { ...base, status: "FAILED", error: "worker crashed" };
    const output = reverse(task.input);
    return { ...base, status: "COMPLETED", output: this.fault === "wrong-result" ? output.slice(1) : output };
  }

  private answer(result: CallResult): CallResult {
    if (result.outcome !== "unreachable") this.clock.advance(this.options.latencyMs ?? 5);
    return result;
  }
}
