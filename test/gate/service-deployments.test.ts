/*
 * The gate's early-check rollback (`stopDeploymentWithRollback`) against the ECS service-deployment
 * APIs. moto lacks them, so they are served by the contract fake (packages/devkit/src/test-support/aws-contracts), which
 * refuses every request ECS would refuse and pages as ECS documents.
 */
import { ECSClient, type ServiceDeploymentBrief, StopServiceDeploymentCommand } from "@aws-sdk/client-ecs";
import { GateEcsError, stopDeploymentWithRollback } from "@readiness/core/gate/gate/ecs";
import {
  LIST_DEFAULT_RESULTS,
  stubServiceDeployments,
} from "@readiness/devkit/test-support/aws-contracts/ecs-deployments";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";

const ecs = new ECSClient({ region: "us-east-1" });
const stub = mockClient(ecs);
afterEach(() => stub.reset());

const arnOf = (id: string) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/${id}`;
const deployment = (id: string, status: ServiceDeploymentBrief["status"]): ServiceDeploymentBrief => ({
  serviceDeploymentArn: arnOf(id),
  serviceArn: "arn:aws:ecs:us-east-1:123456789012:service/prod/api",
  status,
});
const stops = () => stub.commandCalls(StopServiceDeploymentCommand).map((call) => call.args[0].input);

describe("stopDeploymentWithRollback", () => {
  it("Compliance: stops the deployment whose ARN ends with the event's id, reading every page", async () => {
    const others = Array.from({ length: LIST_DEFAULT_RESULTS }, (_, i) => deployment(`other${i}`, "PENDING"));
    const fake = stubServiceDeployments(stub, [...others, deployment("1234567890", "IN_PROGRESS")]);
    expect(await stopDeploymentWithRollback(ecs, "prod", "api", "ecs-svc/1234567890")).toBe(arnOf("1234567890"));
    expect(stops()).toEqual([{ serviceDeploymentArn: arnOf("1234567890"), stopType: "ROLLBACK" }]);
    expect(fake.deployments().at(-1)?.status).toBe("ROLLBACK_REQUESTED");
  });

  it("Compliance: the only pending or in-progress deployment is stopped when no ARN carries the id", async () => {
    stubServiceDeployments(stub, [
      deployment("done", "SUCCESSFUL"),
      deployment("ejGvqq2ilnbKT9qj0vLJe", "IN_PROGRESS"),
    ]);
    expect(await stopDeploymentWithRollback(ecs, "prod", "api", "ecs-svc/42")).toBe(arnOf("ejGvqq2ilnbKT9qj0vLJe"));
  });

  it("Noncompliance 1: nothing in progress (the deployment finished) → GateEcsError, nothing stopped", async () => {
    stubServiceDeployments(stub, [deployment("done", "SUCCESSFUL")]);
    await expect(stopDeploymentWithRollback(ecs, "prod", "api", "ecs-svc/42")).rejects.toThrow(
      /no pending or in-progress service deployment of prod\/api: ecs-svc\/42 may have finished already/,
    );
    expect(stops()).toEqual([]);
  });

  it("Noncompliance 2: several in progress and none matching → GateEcsError, nothing guessed", async () => {
    stubServiceDeployments(stub, [deployment("a", "PENDING"), deployment("b", "IN_PROGRESS")]);
    const attempt = stopDeploymentWithRollback(ecs, "prod", "api", "ecs-svc/42");
    await expect(attempt).rejects.toBeInstanceOf(GateEcsError);
    await expect(attempt).rejects.toThrow(/2 service deployments .* none matches ecs-svc\/42: not guessing/);
    expect(stops()).toEqual([]);
  });
});
