import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf } from "@readiness/devkit/testing/builders";
import {
  evaluateRule,
  hardenedContainer,
  service,
  subnets,
  targetGroup,
  taskDefinition,
} from "@readiness/devkit/fixtures/ecs";
import { gracefulShutdown } from "./graceful-shutdown";

const withTargetGroup = (id: string) => ({
  LoadBalancers: [{ ContainerName: "api", ContainerPort: 8080, TargetGroupArn: id }],
});

/** The rule on the worker service whose one container has `overrides`, with `params` over the defaults. */
const onWorker = (overrides: Record<string, unknown>, params = {}) => {
  const worker = service("Worker", "WorkerTask");
  const td = taskDefinition("WorkerTask", hardenedContainer("worker", overrides));
  return evaluateRule(gracefulShutdown, worker, inventoryOf(worker, td), { params });
};

describe("graceful-shutdown (config part)", () => {
  it("Compliance 1: worker containers wait longer than the drain time", () => {
    const worker = service("Worker", "WorkerTask");
    const td = taskDefinition("WorkerTask", hardenedContainer("worker", { StopTimeout: 60 }));
    expect(evaluateRule(gracefulShutdown, worker, inventoryOf(worker, td, ...subnets()))).toMatchObject({
      verdict: "compliant",
      reason: "stopTimeout ≥ 30 s on 1 essential container",
    });
  });

  it("Compliance 2: api with the default deregistration delay (300 s) and the ECS default stop timeout", () => {
    const api = service("Api", "ApiTask", withTargetGroup("ApiTargets"));
    const td = taskDefinition("ApiTask", hardenedContainer("api", { StopTimeout: undefined }));
    const outcome = evaluateRule(gracefulShutdown, api, inventoryOf(api, td, targetGroup("ApiTargets"), ...subnets()));
    expect(outcome).toMatchObject({
      verdict: "compliant",
      reason: "stopTimeout ≥ 30 s on 1 essential container; deregistration delay ≥ 5 s on 1 target group",
    });
  });

  it("Compliance 3: a non-essential sidecar's stop timeout does not matter", () => {
    const worker = service("Worker", "WorkerTask");
    const td = taskDefinition(
      "WorkerTask",
      hardenedContainer("worker"),
      hardenedContainer("log-router", { Essential: false, StopTimeout: 2 }),
    );
    expect(evaluateRule(gracefulShutdown, worker, inventoryOf(worker, td)).verdict).toBe("compliant");
  });

  it("Noncompliance 1: worker stop timeout below the drain time", () => {
    expect(onWorker({ StopTimeout: 10 })).toMatchObject({
      verdict: "non_compliant",
      reason: "container worker: stopTimeout 10 s < drain 30 s",
    });
  });

  it("Noncompliance 2: no stop timeout (30 s default) but the worker needs 90 s", () => {
    expect(onWorker({ StopTimeout: undefined }, { drainSeconds: 90 })).toMatchObject({
      verdict: "non_compliant",
      reason: "container worker: stopTimeout not set (ECS default 30 s) < drain 90 s",
    });
  });

  it("Noncompliance 3: api target group deregisters immediately", () => {
    const api = service("Api", "ApiTask", withTargetGroup("ApiTargets"));
    const td = taskDefinition("ApiTask", hardenedContainer("api"));
    expect(evaluateRule(gracefulShutdown, api, inventoryOf(api, td, targetGroup("ApiTargets", "0")))).toMatchObject({
      verdict: "non_compliant",
      reason: "target group ApiTargets: deregistration delay 0 s < 5 s",
    });
  });

  it("Noncompliance 4: the dlq-processor declared in readiness.yml is held to the drain time", () => {
    const processor = service("Reprocessor", "DlqTask");
    const td = taskDefinition("DlqTask", hardenedContainer("dlq", { StopTimeout: "5" }));
    const config = configOf({ services: [{ service: "Reprocessor", role: "dlq-processor" }] });
    expect(evaluateRule(gracefulShutdown, processor, inventoryOf(processor, td), { config }).verdict).toBe(
      "non_compliant",
    );
  });

  it("Unknown 1: the stop timeout is unknown", () => {
    const worker = service("Worker", "WorkerTask");
    const td = taskDefinition(
      "WorkerTask",
      hardenedContainer("worker", { StopTimeout: unknownValue("parameter Stop has no default") }),
    );
    expect(evaluateRule(gracefulShutdown, worker, inventoryOf(worker, td))).toMatchObject({
      verdict: "unknown",
      reason: "container worker: stopTimeout unknown (parameter Stop has no default)",
    });
  });

  it("Unknown 2: the target group is outside the inventory", () => {
    const api = service("Api", "ApiTask", withTargetGroup("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1"));
    const td = taskDefinition("ApiTask", hardenedContainer("api"));
    expect(evaluateRule(gracefulShutdown, api, inventoryOf(api, td)).verdict).toBe("unknown");
  });

  it("Unknown 3: the task definition the service runs is not in the inventory", () => {
    const worker = service("Worker", "arn:aws:ecs:us-east-1:123456789012:task-definition/other:7");
    expect(evaluateRule(gracefulShutdown, worker, inventoryOf(worker))).toMatchObject({
      verdict: "unknown",
      reason: "task definition arn:aws:ecs:us-east-1:123456789012:task-definition/other:7 not in the inventory",
    });
  });

  it("NotApplicable: a service whose role is unknown", () => {
    const batch = service("Reporting", "ReportTask");
    const td = taskDefinition("ReportTask", hardenedContainer("report", { StopTimeout: 1 }));
    expect(evaluateRule(gracefulShutdown, batch, inventoryOf(batch, td))).toMatchObject({
      verdict: "not_applicable",
      reason: "role unknown: declare it in readiness.yml",
    });
  });
});
