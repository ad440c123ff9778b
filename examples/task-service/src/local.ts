/**
 * One command to run the task service locally: `npx tsx examples/task-service/src/local.ts`.
 * Starts the moto emulator (unless AWS_ENDPOINT_URL points somewhere already), creates the
 * table/queue/DLQ, starts API + worker + DLQ processor and prints where they answer. Ctrl-C stops all.
 * Optional: REVISION, FAULT_MODE, HTTP_PORT, GRPC_PORT, and any TLS_* / WORKER_* variable.
 */
import { type Emulator, startEmulator } from "@readiness/devkit/emulator/moto";
import { startTaskService } from "./runner";
import { FAULT_MODES, type FaultSetting } from "./shared/settings";

const PASSED_THROUGH = /^(TLS_|WORKER_|FAULT_SLOW_MS$)/;

async function main(): Promise<void> {
  const fault = (process.env.FAULT_MODE || "none") as FaultSetting;
  if (fault !== "none" && !FAULT_MODES.includes(fault as (typeof FAULT_MODES)[number]))
    throw new Error(`FAULT_MODE=${fault} is not one of: none, ${FAULT_MODES.join(", ")}`);
  const emulator: Emulator | undefined = process.env.AWS_ENDPOINT_URL ? undefined : await startEmulator();
  const endpoint = emulator?.endpoint ?? (process.env.AWS_ENDPOINT_URL as string);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => PASSED_THROUGH.test(entry[0]) && !!entry[1],
    ),
  );
  const service = await startTaskService({
    endpoint,
    region: process.env.AWS_REGION,
    revision: process.env.REVISION ?? "local",
    fault,
    httpPort: process.env.HTTP_PORT ? Number(process.env.HTTP_PORT) : undefined,
    grpcPort: process.env.GRPC_PORT ? Number(process.env.GRPC_PORT) : undefined,
    env,
    // A drill that stops the worker (readiness drill worker-crash/drain) gets a replacement, as on ECS.
    replaceStoppedWorker: true,
    onLine: (_role, line) => process.stdout.write(`${line}\n`),
  }).catch(async (error: unknown) => {
    await emulator?.stop();
    throw error;
  });
  process.stdout.write(
    [
      "",
      "task service running",
      `  emulator   ${endpoint}${emulator ? " (started here)" : ""}`,
      `  HTTP       ${service.httpUrl}   (POST /tasks, GET /tasks/{id}, GET /healthz)`,
      `  gRPC       ${service.grpcTarget}   (tasks.v1.TaskService, proto/tasks.proto)`,
      `  table      ${service.resources.table}`,
      `  queue      ${service.resources.queueUrl}`,
      `  DLQ        ${service.resources.dlqUrl}`,
      `  revision   ${service.revision}, fault ${service.fault}`,
      `  worker pid ${service.processes.worker.pid}   (replaced when it stops, as an ECS service would)`,
      "Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    await emulator?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
