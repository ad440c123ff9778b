import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "../src/runner";
import { TaskGrpcClient } from "./support/grpc-client";
import { eventually } from "./support/http-client";
import { documentsFor, FAST_ENV, taskIds } from "./support/service";

const aws = useEmulator();
let service: RunningTaskService;
let client: TaskGrpcClient;

beforeAll(async () => {
  service = await startTaskService({ endpoint: aws.emulator.endpoint, revision: "grpc-1", env: FAST_ENV });
  client = new TaskGrpcClient(service.grpcTarget);
});
afterAll(async () => {
  client?.close();
  await service?.stop();
});

const completed = (taskId: string) =>
  eventually(
    () => client.get(taskId),
    (result) => result.task?.status === "COMPLETED",
    `task ${taskId} completing`,
  );

describe("task service over gRPC", () => {
  it("Compliance: a submitted task completes with the reversed input", async () => {
    const submitted = await client.submit("grpc-complete", "gRPC!");
    expect(submitted.error).toBeUndefined();
    expect(submitted.task).toMatchObject({ status: "PENDING", input: "gRPC!", replayed: false });
    const done = await completed(submitted.task!.task_id);
    expect(done.task).toMatchObject({ output: "!CPRg", error: "" });
  });

  it("Compliance: a replay returns the same task id and creates nothing new", async () => {
    const first = await client.submit("grpc-replay", "abc");
    await completed(first.task!.task_id);
    const before = await taskIds(documentsFor(aws.clientConfig()), service.resources.table);

    const replay = await client.submit("grpc-replay", "abc");

    expect(replay.task).toMatchObject({ task_id: first.task!.task_id, status: "COMPLETED", replayed: true });
    expect(await taskIds(documentsFor(aws.clientConfig()), service.resources.table)).toEqual(before);
  });

  it("Noncompliance 1: the same key with a different input is ALREADY_EXISTS", async () => {
    await client.submit("grpc-conflict", "one");
    const conflict = await client.submit("grpc-conflict", "two");
    expect(conflict.error?.code).toBe(status.ALREADY_EXISTS);
  });

  it("Noncompliance 2: a missing key or input is INVALID_ARGUMENT", async () => {
    expect((await client.submit("", "x")).error?.code).toBe(status.INVALID_ARGUMENT);
    expect((await client.submit("grpc-empty", "")).error?.code).toBe(status.INVALID_ARGUMENT);
    expect((await client.get("")).error?.code).toBe(status.INVALID_ARGUMENT);
  });

  it("NotApplicable: an unknown task is NOT_FOUND", async () => {
    const result = await client.get("00000000-0000-4000-8000-000000000000");
    expect(result.error?.code).toBe(status.NOT_FOUND);
  });
});
