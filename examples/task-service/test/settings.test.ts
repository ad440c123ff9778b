import { describe, expect, it } from "vitest";
import { apiSettings, SettingsError, workerSettings } from "../src/shared/settings";
import { computeResult } from "../src/tasks/task";

const BASE = { TASKS_TABLE: "tasks", TASK_QUEUE_URL: "http://127.0.0.1:5000/123456789012/tasks-queue" };

describe("settings", () => {
  it("Compliance: defaults apply and FAULT_MODE is optional", () => {
    expect(apiSettings(BASE)).toMatchObject({
      FAULT_MODE: "none",
      HTTP_PORT: 8080,
      GRPC_PORT: 50051,
      FAULT_SLOW_MS: 400,
    });
    expect(workerSettings({ ...BASE, FAULT_MODE: "wrong-result" }).FAULT_MODE).toBe("wrong-result");
  });

  it("Noncompliance 1: an unknown FAULT_MODE is refused with the variable named", () => {
    expect(() => apiSettings({ ...BASE, FAULT_MODE: "explode" })).toThrow(SettingsError);
    expect(() => apiSettings({ ...BASE, FAULT_MODE: "explode" })).toThrow(/FAULT_MODE/);
  });

  it("Noncompliance 2: a missing table or a half TLS configuration is refused", () => {
    expect(() => workerSettings({ TASK_QUEUE_URL: BASE.TASK_QUEUE_URL })).toThrow(/TASKS_TABLE/);
    expect(() => apiSettings({ ...BASE, TLS_CERT_FILE: "server.crt" })).toThrow(/must be set together/);
    expect(() => apiSettings({ ...BASE, TLS_CERT_FILE: "a", TLS_KEY_FILE: "b", TLS_SECRET_ID: "s" })).toThrow(
      /not both/,
    );
  });
});

describe("settings: TASK_BACKEND", () => {
  it("Compliance: unset means aws, which needs the table and the queue", () => {
    expect(apiSettings(BASE).TASK_BACKEND).toBe("aws");
    expect(apiSettings({ ...BASE, TASK_BACKEND: "" }).TASK_BACKEND).toBe("aws");
    expect(() => apiSettings({ TASK_QUEUE_URL: BASE.TASK_QUEUE_URL })).toThrow(/TASKS_TABLE/);
  });

  it("Compliance: memory needs no table or queue, and takes the in-process worker's settings", () => {
    expect(apiSettings({ TASK_BACKEND: "memory", WORKER_CONCURRENCY: "8" })).toMatchObject({
      TASK_BACKEND: "memory",
      WORKER_CONCURRENCY: 8,
      WORKER_PROCESSING_MS: 0,
      MEMORY_MAX_RECEIVE_COUNT: 3,
      MEMORY_VISIBILITY_TIMEOUT_SECONDS: 30,
      FAULT_MODE: "none",
    });
  });

  it("Noncompliance: another backend is refused, naming the variable and the two it takes", () => {
    expect(() => apiSettings({ ...BASE, TASK_BACKEND: "redis" })).toThrow(SettingsError);
    expect(() => apiSettings({ ...BASE, TASK_BACKEND: "redis" })).toThrow(
      /TASK_BACKEND=redis is not a task backend: use aws .* or memory/,
    );
    expect(() => apiSettings({ TASK_BACKEND: "memory", TLS_CERT_FILE: "a" })).toThrow(/must be set together/);
  });
});

describe("computeResult", () => {
  it("Compliance: the output is the reversed input (by code point) and its length", () => {
    expect(computeResult("héllo 👋", "none")).toEqual({ output: "👋 olléh", length: 7 });
  });

  it("Noncompliance: wrong-result drops the first character of the output", () => {
    expect(computeResult("ab", "wrong-result")).toEqual({ output: "a", length: 2 });
  });
});
