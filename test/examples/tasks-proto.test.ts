/*
 * The smoke test speaks the example task service's gRPC contract, examples/task-service/proto/tasks.proto:
 * the one copy. Core carries it as a generated module, so that the transport works wherever its
 * code is bundled (the CLI's dist, a Lambda chunk) with no .proto file beside it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLE_PROTO = join(ROOT, "examples/task-service/proto/tasks.proto");

/** A gRPC server of the example's proto that answers every Submit and Get with one task. */
const startTaskServer = async (): Promise<{ address: string; submitted: unknown[]; stop: () => void }> => {
  const loaded = grpc.loadPackageDefinition(
    protoLoader.loadSync(EXAMPLE_PROTO, { keepCase: true, defaults: true }),
  ) as unknown as { tasks: { v1: { TaskService: grpc.ServiceClientConstructor } } };
  const submitted: unknown[] = [];
  const task = { task_id: "t-1", status: "SUCCEEDED", input: "in", output: "out", error: "", replayed: true };
  const server = new grpc.Server();
  server.addService(loaded.tasks.v1.TaskService.service, {
    Submit: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) => {
      submitted.push(call.request);
      done(null, task);
    },
    Get: (_call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) => done(null, task),
  });
  const port = await new Promise<number>((ok, fail) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? fail(error) : ok(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, submitted, stop: () => server.forceShutdown() };
};

describe("the gRPC contract of the smoke test", () => {
  let out: string;
  let server: Awaited<ReturnType<typeof startTaskServer>>;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "readiness-grpc-bundle-"));
    server = await startTaskServer();
  });
  afterAll(() => {
    server?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("Compliance: the transport bundled alone, far from the source tree, submits and reads a task of the example's proto", async () => {
    await build({
      entryPoints: [join(ROOT, "packages/core/src/gate/smoke/grpc-transport.ts")],
      outfile: join(out, "grpc-transport.mjs"),
      bundle: true,
      platform: "node",
      format: "esm",
      logLevel: "silent",
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const { grpcTransport } = (await import(
      pathToFileURL(join(out, "grpc-transport.mjs")).href
    )) as typeof import("@readiness/core/gate/smoke/grpc-transport");
    const [host, port] = server.address.split(":");
    const transport = grpcTransport(
      {
        protocol: "grpc",
        baseUrl: new URL(`http://${server.address}/`),
        host,
        port: Number(port),
        address: server.address,
        secure: false,
      },
      undefined,
    );
    try {
      const submitted = await transport.submit({
        idempotencyKey: "k-1",
        input: "in",
        traceparent: "",
        timeoutMs: 5_000,
      });
      expect(submitted).toEqual({
        outcome: "answered",
        answer: "gRPC OK",
        task: { taskId: "t-1", status: "SUCCEEDED", input: "in", output: "out", error: undefined, replayed: true },
      });
      expect(server.submitted).toEqual([{ idempotency_key: "k-1", input: "in" }]);
    } finally {
      transport.close();
    }
  });

  it("Compliance: core's generated copy is the example's proto (node scripts/gen-tasks-proto.mjs rewrites it)", async () => {
    const { tasksProtoJson, OUTPUT } = await import(pathToFileURL(join(ROOT, "scripts/gen-tasks-proto.mjs")).href);
    expect(readFileSync(OUTPUT, "utf8")).toBe(tasksProtoJson());
  });
});
