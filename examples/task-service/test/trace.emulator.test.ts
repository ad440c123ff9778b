import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "../src/runner";
import { continueTrace, formatTraceparent, parseTraceparent } from "../src/shared/trace";
import { TaskGrpcClient } from "./support/grpc-client";
import { eventually, submit, waitForStatus } from "./support/http-client";
import { allLogs, FAST_ENV } from "./support/service";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const INCOMING = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe("traceparent parsing", () => {
  it("Compliance: a valid header is continued with a new span", () => {
    expect(parseTraceparent(INCOMING)).toEqual({ traceId: TRACE_ID, spanId: "00f067aa0ba902b7", flags: "01" });
    const next = continueTrace(INCOMING);
    expect(next.traceId).toBe(TRACE_ID);
    expect(next.spanId).not.toBe("00f067aa0ba902b7");
    expect(formatTraceparent(next)).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it.each([
    ["an all-zero trace id", `00-${"0".repeat(32)}-00f067aa0ba902b7-01`],
    ["an all-zero span id", `00-${TRACE_ID}-${"0".repeat(16)}-01`],
    ["version ff", `ff-${TRACE_ID}-00f067aa0ba902b7-01`],
    ["a short trace id", "00-4bf92f35-00f067aa0ba902b7-01"],
    ["extra fields in version 00", `${INCOMING}-extra`],
    ["garbage", "hello"],
  ])("Noncompliance: %s starts a new trace", (_what, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
    expect(continueTrace(header).traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("trace propagation API → SQS → worker", () => {
  const aws = useEmulator();
  let service: RunningTaskService;

  beforeAll(async () => {
    service = await startTaskService({ endpoint: aws.emulator.endpoint, revision: "trace-1", env: FAST_ENV });
  });
  afterAll(async () => {
    await service?.stop();
  });

  // The status is in the table before the worker's "task completed" line has come through its
  // stdout pipe: wait for that line rather than reading the logs at once.
  const workerLinesOf = (taskId: string) =>
    eventually(
      async () => service.processes.worker.logs().filter((line) => line.taskId === taskId),
      (lines) => lines.some((line) => line.msg === "task completed"),
      `the worker's "task completed" line for ${taskId}`,
    );

  it("Compliance: the caller's trace id is in the API's answer and in the worker's logs", async () => {
    const submitted = await submit(service.httpUrl, "trace-http", "traced", { traceparent: INCOMING });
    expect(String(submitted.headers.traceparent)).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    const taskId = String(submitted.body.taskId);
    await waitForStatus(service.httpUrl, taskId, "COMPLETED");

    const apiLines = service.processes.api.logs().filter((line) => line.taskId === taskId);
    expect(apiLines.map((line) => line.trace_id)).toEqual([TRACE_ID]);
    const workerLines = await workerLinesOf(taskId);
    expect(workerLines.map((line) => line.msg)).toEqual(["task started", "task completed"]);
    expect(new Set(workerLines.map((line) => line.trace_id))).toEqual(new Set([TRACE_ID]));
  });

  it("Compliance: over gRPC the traceparent metadata is propagated too", async () => {
    const client = new TaskGrpcClient(service.grpcTarget);
    const submitted = await client.submit("trace-grpc", "traced", INCOMING);
    client.close();
    expect(String(submitted.metadata?.get("traceparent")[0])).toContain(TRACE_ID);
    const taskId = submitted.task!.task_id;
    await waitForStatus(service.httpUrl, taskId, "COMPLETED");
    expect(new Set((await workerLinesOf(taskId)).map((line) => line.trace_id))).toEqual(new Set([TRACE_ID]));
  });

  it("Compliance: without a traceparent the API starts a trace and the worker continues it", async () => {
    const submitted = await submit(service.httpUrl, "trace-none", "untraced");
    const generated = parseTraceparent(String(submitted.headers.traceparent));
    expect(generated?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const taskId = String(submitted.body.taskId);
    await waitForStatus(service.httpUrl, taskId, "COMPLETED");
    expect(new Set((await workerLinesOf(taskId)).map((line) => line.trace_id))).toEqual(new Set([generated?.traceId]));
  });

  it("Compliance: every line every process wrote is a JSON object with a trace_id", () => {
    const lines = allLogs(service);
    expect(lines.length).toBeGreaterThan(10);
    const withoutTrace = lines.filter((line) => line.raw || typeof line.trace_id !== "string");
    expect(withoutTrace).toEqual([]);
    for (const line of lines) expect(line.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });
});
