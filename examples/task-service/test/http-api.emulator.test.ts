import { createHash, randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "../src/runner";
import { call, getTask, submit, waitForStatus } from "./support/http-client";
import { documentsFor, FAST_ENV, taskIds } from "./support/service";

const aws = useEmulator();
let service: RunningTaskService;

beforeAll(async () => {
  service = await startTaskService({ endpoint: aws.emulator.endpoint, revision: "http-1", env: FAST_ENV });
});
afterAll(async () => {
  await service?.stop();
});

describe("task service over HTTP", () => {
  it("Compliance: a submitted task completes with the reversed input", async () => {
    const submitted = await submit(service.httpUrl, "http-complete", "hello world");
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ status: "PENDING" });
    const taskId = String(submitted.body.taskId);
    const done = await waitForStatus(service.httpUrl, taskId, "COMPLETED");
    expect(done).toMatchObject({ taskId, input: "hello world", result: { output: "dlrow olleh", length: 11 } });
    expect(Date.parse(done.updatedAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
  });

  it("Compliance: a replay with the same key returns the same task and creates nothing new", async () => {
    const first = await submit(service.httpUrl, "http-replay", "abc");
    const taskId = String(first.body.taskId);
    await waitForStatus(service.httpUrl, taskId, "COMPLETED");
    const before = await taskIds(documentsFor(aws.clientConfig()), service.resources.table);

    const replay = await submit(service.httpUrl, "http-replay", "abc");

    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ taskId, status: "COMPLETED", replayed: true });
    expect(await taskIds(documentsFor(aws.clientConfig()), service.resources.table)).toEqual(before);
  });

  it("Compliance: a replay finishes a submit that stopped after claiming its key", async () => {
    // As if the first request crashed between claiming the key and writing the task.
    const taskId = randomUUID();
    await documentsFor(aws.clientConfig()).send(
      new PutCommand({
        TableName: service.resources.table,
        Item: {
          pk: "IDEMPOTENCY#http-interrupted",
          key: "http-interrupted",
          taskId,
          requestHash: createHash("sha256").update("resume me").digest("hex"),
          createdAt: new Date().toISOString(),
        },
      }),
    );

    const replay = await submit(service.httpUrl, "http-interrupted", "resume me");

    expect(replay).toMatchObject({ status: 200, body: { taskId, replayed: true } });
    const done = await waitForStatus(service.httpUrl, taskId, "COMPLETED");
    expect(done.result?.output).toBe("em emuser");
  });

  it("Noncompliance 1: the same key with a different input is a conflict", async () => {
    await submit(service.httpUrl, "http-conflict", "one");
    const conflict = await submit(service.httpUrl, "http-conflict", "two");
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatch(/already used with a different input/);
  });

  it("Noncompliance 2: bad requests get 400 with the reason", async () => {
    const noKey = await call(service.httpUrl, "POST", "/tasks", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "x" }),
    });
    expect(noKey).toMatchObject({ status: 400, body: { error: "Idempotency-Key is required" } });
    const longKey = await submit(service.httpUrl, "k".repeat(129), "x");
    expect(longKey).toMatchObject({ status: 400, body: { error: expect.stringMatching(/longer than 128/) } });
    const notJson = await call(service.httpUrl, "POST", "/tasks", {
      headers: { "content-type": "application/json", "idempotency-key": "bad-json" },
      body: "{input:",
    });
    expect(notJson).toMatchObject({ status: 400, body: { error: "body is not valid JSON" } });
    const wrongShape = await call(service.httpUrl, "POST", "/tasks", {
      headers: { "content-type": "application/json", "idempotency-key": "bad-shape" },
      body: JSON.stringify({ input: 42 }),
    });
    expect(wrongShape).toMatchObject({ status: 400, body: { error: expect.stringMatching(/input/) } });
    const empty = await submit(service.httpUrl, "empty-input", "");
    expect(empty).toMatchObject({ status: 400, body: { error: "input must not be empty" } });
    const text = await call(service.httpUrl, "POST", "/tasks", {
      headers: { "content-type": "text/plain", "idempotency-key": "text" },
      body: "hello",
    });
    expect(text).toMatchObject({ status: 400, body: { error: "Content-Type must be application/json" } });
  });

  it("NotApplicable: unknown tasks and routes are 404, wrong methods 405", async () => {
    expect(await call(service.httpUrl, "GET", "/tasks/00000000-0000-4000-8000-000000000000")).toMatchObject({
      status: 404,
      body: { error: "task 00000000-0000-4000-8000-000000000000 not found" },
    });
    expect((await call(service.httpUrl, "GET", "/nope")).status).toBe(404);
    expect((await call(service.httpUrl, "DELETE", "/tasks")).status).toBe(405);
  });

  it("Compliance: /healthz reports the revision and the fault switch", async () => {
    expect(await call(service.httpUrl, "GET", "/healthz")).toMatchObject({
      status: 200,
      body: { ok: true, revision: "http-1", fault: "none" },
    });
  });

  it("Compliance: GET returns the task's fields", async () => {
    const submitted = await submit(service.httpUrl, "http-get", "xyz");
    const task = await getTask(service.httpUrl, String(submitted.body.taskId));
    expect(Object.keys(task).sort()).toEqual(
      expect.arrayContaining(["createdAt", "input", "status", "taskId", "updatedAt"]),
    );
    expect(task).not.toHaveProperty("traceparent");
    expect(task).not.toHaveProperty("pk");
  });
});
