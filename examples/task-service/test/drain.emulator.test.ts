import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "../src/runner";
import { eventually, getTask, submit, waitForStatus } from "./support/http-client";
import { FAST_ENV } from "./support/service";

const aws = useEmulator();
let service: RunningTaskService;
const CONCURRENCY = 3;

beforeAll(async () => {
  service = await startTaskService({
    endpoint: aws.emulator.endpoint,
    revision: "drain-1",
    env: { ...FAST_ENV, WORKER_CONCURRENCY: String(CONCURRENCY), WORKER_PROCESSING_MS: "2000" },
  });
});
afterAll(async () => {
  await service?.stop();
});

async function queueDepth(): Promise<{ visible: number; inFlight: number }> {
  const sqs = new SQSClient(aws.clientConfig());
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: service.resources.queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  sqs.destroy();
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
  };
}

describe("worker shutdown", () => {
  it("Compliance: on SIGTERM the worker stops receiving, finishes in-flight tasks and exits 0; nothing is lost", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 2 * CONCURRENCY; index++)
      ids.push(String((await submit(service.httpUrl, `drain-${index}`, `task ${index}`)).body.taskId));
    const worker = service.processes.worker;
    const started = () => worker.logs().filter((line) => line.msg === "task started");
    await eventually(
      async () => started().length,
      (count) => count === CONCURRENCY,
      "the worker filling its slots",
    );

    worker.signal("SIGTERM");
    const exit = await worker.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    const inFlightAtStop = started().map((line) => String(line.taskId));
    expect(worker.logs().find((line) => line.msg === "draining in-flight messages")).toMatchObject({
      inFlight: CONCURRENCY,
    });
    for (const taskId of inFlightAtStop) expect((await getTask(service.httpUrl, taskId)).status).toBe("COMPLETED");
    const waiting = ids.filter((taskId) => !inFlightAtStop.includes(taskId));
    for (const taskId of waiting) expect((await getTask(service.httpUrl, taskId)).status).toBe("PENDING");
    expect(await queueDepth()).toEqual({ visible: waiting.length, inFlight: 0 });

    // The next worker picks up what the stopped one never received.
    await service.restart({ revision: "drain-2" });
    for (const taskId of ids) await waitForStatus(service.httpUrl, taskId, "COMPLETED");
    expect(await queueDepth()).toEqual({ visible: 0, inFlight: 0 });
  });
});
