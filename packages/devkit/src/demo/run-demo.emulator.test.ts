import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
// The real example platform and service: integration only, core's code never imports them.
import { provisionPlatform } from "@readiness/example-task-platform/provision/index";
import { startTaskService } from "@readiness/example-task-service/runner";
import { describe, expect, it } from "vitest";
import { processAlive as alive, portOpen } from "../testing/processes";
import { runDemo } from "./index";
import type { DemoDeps, DemoTaskService } from "./types";

const CONFIG = {
  ...DEFAULT_CONFIG,
  services: [{ name: "api", cluster: "task-platform", service: "task-api", role: "api" as const, consumes: [] }],
};

const unreachable = (): never => {
  throw new Error("the demo should not have got this far");
};

/** The demo must stop what it started when a step fails, wherever it fails. */
describe("runDemo on error", () => {
  it("a failing step after the emulator started: the reason is printed and the emulator is stopped", async () => {
    let out = "";
    let emulatorPort = 0;
    const deps: DemoDeps = {
      provisionPlatform: async (endpoint) => {
        emulatorPort = Number(new URL(endpoint).port);
        throw new Error("CreateStack refused the template");
      },
      startTaskService: unreachable,
      loadGateHandler: unreachable,
    };
    const result = await runDemo(deps, { write: (t) => (out += t), color: false, config: CONFIG, quick: true });
    expect(result).toEqual({ ok: false, interrupted: false, problem: "Error: CreateStack refused the template" });
    expect(out).toMatch(/✗ the story did not play as expected: Error: CreateStack refused the template\n/);
    expect(out).toMatch(/✓ stopped everything the demo started\n$/);
    expect(emulatorPort).toBeGreaterThan(0);
    expect(await portOpen(emulatorPort)).toBe(false);
  });

  it("the gate cannot load after the platform and the service are up: both are stopped, with the emulator", async () => {
    let out = "";
    let emulatorPort = 0;
    let service: DemoTaskService | undefined;
    const deps: DemoDeps = {
      provisionPlatform: (endpoint, region) => {
        emulatorPort = Number(new URL(endpoint).port);
        return provisionPlatform({ variant: "compliant", endpoint, region });
      },
      startTaskService: async ({ endpoint, region, revision }) => {
        const running = await startTaskService({ endpoint, region, revision, env: { WORKER_WAIT_SECONDS: "1" } });
        service = {
          httpUrl: running.httpUrl,
          grpcTarget: running.grpcTarget,
          pids: () => [running.processes.api.pid, running.processes.worker.pid, running.processes.dlqProcessor.pid],
          workerPid: () => running.processes.worker.pid,
          restart: unreachable,
          stop: () => running.stop(),
        };
        return service;
      },
      loadGateHandler: async () => {
        throw new Error("environment variable READINESS_CONFIG_JSON is not set");
      },
    };
    const result = await runDemo(deps, { write: (t) => (out += t), color: false, config: CONFIG, quick: true });
    expect(result.ok).toBe(false);
    expect(result.problem).toBe("Error: environment variable READINESS_CONFIG_JSON is not set");
    expect(out).toMatch(/✓ task-api:\d+ deployed: task-api runs it;/);
    expect(out).toMatch(/✓ stopped everything the demo started\n$/);
    if (!service) throw new Error("the task service never started");
    const pids = service.pids();
    expect(pids.filter(alive)).toEqual([]);
    expect(await portOpen(Number(new URL(service.httpUrl).port))).toBe(false);
    expect(await portOpen(emulatorPort)).toBe(false);
  });
});
