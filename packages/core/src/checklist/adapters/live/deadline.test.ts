import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatDeadline, LiveDeadline } from "./deadline";
import { LiveDeadlineError, LiveRunEndedError } from "./errors";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const never = new Promise<never>(() => undefined);

describe("LiveDeadline", () => {
  it("stops a run that outlasts it, naming the endpoint and action it waited on longest", async () => {
    const deadline = new LiveDeadline(2_000, Date.now);
    deadline.start();
    const run = deadline.race(never).catch((e: unknown) => e);
    vi.advanceTimersByTime(500);
    deadline.track("https://ecs.eu-west-1.amazonaws.com", "ecs:ListClusters");
    vi.advanceTimersByTime(500);
    deadline.track("https://sqs.eu-west-1.amazonaws.com", "sqs:ListQueues");
    vi.advanceTimersByTime(1_000);

    const error = await run;
    expect(error).toBeInstanceOf(LiveDeadlineError);
    expect(error).toMatchObject({ endpoint: "https://ecs.eu-west-1.amazonaws.com", waitingOn: "ecs:ListClusters" });
    expect((error as Error).message).toBe(
      "no answer from https://ecs.eu-west-1.amazonaws.com within the 2 s deadline (waiting on ecs:ListClusters for 1.5 s)",
    );
    expect(deadline.stopped).toBe(error);
  });

  it("says the run did not finish when nothing was in flight at the deadline", async () => {
    const deadline = new LiveDeadline(2_000, Date.now);
    deadline.start();
    const done = deadline.track("http://127.0.0.1:5000", "ecs:ListClusters");
    done();
    const run = deadline.race(never).catch((e: unknown) => e);
    vi.advanceTimersByTime(2_000);
    expect(((await run) as Error).message).toBe("the live check did not finish within the 2 s deadline");
  });

  it("reports the oldest unanswered request while it waits, before the deadline", () => {
    const waits: string[] = [];
    const deadline = new LiveDeadline(60_000, Date.now);
    deadline.start((request, waitedMs) => waits.push(`${request.action} ${waitedMs}`));
    vi.advanceTimersByTime(10_000);
    expect(waits).toEqual([]);
    deadline.track("http://127.0.0.1:5000", "ecs:ListClusters");
    vi.advanceTimersByTime(20_000);
    expect(waits).toEqual(["ecs:ListClusters 10000", "ecs:ListClusters 20000"]);
    deadline.end();
    vi.advanceTimersByTime(60_000);
    expect(waits).toHaveLength(2);
    expect(deadline.stopped).toBeInstanceOf(LiveRunEndedError);
  });

  it("settles with the work while the deadline has not passed; once the run ended, refuses more", async () => {
    const deadline = new LiveDeadline(2_000, Date.now);
    deadline.start();
    await expect(deadline.race(Promise.resolve("answered"))).resolves.toBe("answered");
    await expect(deadline.race(Promise.reject(new Error("denied")))).rejects.toThrow("denied");
    deadline.end();
    await expect(deadline.race(Promise.resolve("late"))).rejects.toBeInstanceOf(LiveRunEndedError);
  });
});

describe("formatDeadline", () => {
  it("reads a minute or more in minutes, less in seconds or milliseconds", () => {
    expect([300_000, 294_000, 90_000, 45_000, 1_500, 500].map(formatDeadline)).toEqual([
      "5 min",
      "4.9 min",
      "1.5 min",
      "45 s",
      "1.5 s",
      "500 ms",
    ]);
  });
});
