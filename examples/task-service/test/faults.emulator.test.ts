import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "../src/runner";
import { TaskGrpcClient } from "./support/grpc-client";
import { call, eventually, getTask, submit, waitForStatus } from "./support/http-client";
import { documentsFor, FAST_ENV, taskIds } from "./support/service";

// One service, "redeployed" with each fault switch, as the gate sees revisions.
const aws = useEmulator();
let service: RunningTaskService;

beforeAll(async () => {
  service = await startTaskService({
    endpoint: aws.emulator.endpoint,
    revision: "faults-0",
    env: { ...FAST_ENV, FAULT_SLOW_MS: "450" },
  });
});
afterAll(async () => {
  await service?.stop();
});

async function messagesLeft(queueUrl: string): Promise<number> {
  const sqs = new SQSClient(aws.clientConfig());
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  sqs.destroy();
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
}

describe("fault switch (FAULT_MODE)", () => {
  it("Noncompliance 1 (never-complete): the task is consumed but stays RUNNING", async () => {
    await service.restart({ revision: "faults-1", fault: "never-complete" });
    const submitted = await submit(service.httpUrl, "never-complete", "stuck");
    expect(submitted.status).toBe(202);
    const taskId = String(submitted.body.taskId);
    await eventually(
      async () =>
        service.processes.worker.logs().some((line) => line.msg === "task processed" && line.taskId === taskId),
      Boolean,
      "the worker consuming the task",
    );
    // The message is gone and the task is RUNNING: nothing will ever complete it.
    expect(await messagesLeft(service.resources.queueUrl)).toBe(0);
    expect((await getTask(service.httpUrl, taskId)).status).toBe("RUNNING");
    expect(await call(service.httpUrl, "GET", "/healthz")).toMatchObject({
      body: { revision: "faults-1", fault: "never-complete" },
    });
  });

  it("Noncompliance 2 (wrong-result): the task completes with a wrong output", async () => {
    await service.restart({ revision: "faults-2", fault: "wrong-result" });
    const submitted = await submit(service.httpUrl, "wrong-result", "abcdef");
    const done = await waitForStatus(service.httpUrl, String(submitted.body.taskId), "COMPLETED");
    expect(done.result?.output).not.toBe("fedcba");
    expect(done.result).toEqual({ output: "edcba", length: 6 });
  });

  it("Noncompliance 3 (api-5xx): submits answer HTTP 500 and gRPC INTERNAL", async () => {
    await service.restart({ revision: "faults-3", fault: "api-5xx" });
    const before = await taskIds(documentsFor(aws.clientConfig()), service.resources.table);
    const http = await submit(service.httpUrl, "api-5xx", "x");
    expect(http.status).toBe(500);
    const client = new TaskGrpcClient(service.grpcTarget);
    const grpc = await client.submit("api-5xx-grpc", "x");
    client.close();
    expect(grpc.error?.code).toBe(status.INTERNAL);
    expect(await taskIds(documentsFor(aws.clientConfig()), service.resources.table)).toEqual(before);
  });

  it("Noncompliance 4 (slow): each submit is delayed by FAULT_SLOW_MS", async () => {
    await service.restart({ revision: "faults-4", fault: "slow" });
    const started = performance.now();
    const submitted = await submit(service.httpUrl, "slow", "slow input");
    // A lower bound only: the delay is a sleep, so it cannot be shorter (never flaky).
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(submitted.status).toBe(202);
    await waitForStatus(service.httpUrl, String(submitted.body.taskId), "COMPLETED");
  });

  it("Noncompliance 5 (ignore-idempotency): a replay creates a second task", async () => {
    await service.restart({ revision: "faults-5", fault: "ignore-idempotency" });
    const first = await submit(service.httpUrl, "ignore-idempotency", "same");
    const replay = await submit(service.httpUrl, "ignore-idempotency", "same");
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.body.taskId).not.toBe(first.body.taskId);
    const ids = await taskIds(documentsFor(aws.clientConfig()), service.resources.table);
    expect(ids).toEqual(expect.arrayContaining([first.body.taskId, replay.body.taskId]));
  });

  it("Compliance (none): after a fixed revision the same key replays normally", async () => {
    await service.restart({ revision: "faults-6", fault: "none" });
    const first = await submit(service.httpUrl, "fixed", "ok");
    const replay = await submit(service.httpUrl, "fixed", "ok");
    expect(replay.status).toBe(200);
    expect(replay.body.taskId).toBe(first.body.taskId);
    const done = await waitForStatus(service.httpUrl, String(first.body.taskId), "COMPLETED");
    expect(done.result).toEqual({ output: "ko", length: 2 });
  });
});
