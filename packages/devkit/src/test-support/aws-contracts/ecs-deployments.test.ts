import {
  ConflictException,
  ECSClient,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  type ListServiceDeploymentsCommandInput,
  type ServiceDeploymentBrief,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  type StopServiceDeploymentCommandInput,
} from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import {
  LIST_DEFAULT_RESULTS,
  LIST_MAX_RESULTS,
  SERVICE_DEPLOYMENT_STATUSES,
  stubServiceDeployments,
  validateListServiceDeployments,
  validateStopServiceDeployment,
} from "./ecs-deployments";

const SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/prod/api";
const arnOf = (id: string) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/${id}`;
const deployment = (id: string, status: ServiceDeploymentBrief["status"], createdAt = new Date(0)) => ({
  serviceDeploymentArn: arnOf(id),
  serviceArn: SERVICE,
  clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
  status,
  createdAt,
});

/** The error a call throws (the assertion stays outside any try, so it cannot be swallowed). */
const refusal = (call: () => void): unknown => {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("ListServiceDeployments contract", () => {
  it("Compliance: accepts what the gate sends and every documented filter", () => {
    validateListServiceDeployments({ cluster: "prod", service: "api", status: ["PENDING", "IN_PROGRESS"] });
    validateListServiceDeployments({
      service: SERVICE,
      status: [...SERVICE_DEPLOYMENT_STATUSES],
      createdAt: { before: new Date(), after: new Date(0) },
      maxResults: LIST_MAX_RESULTS,
      nextToken: "token",
    });
    validateListServiceDeployments({ service: "api", maxResults: 1 });
  });

  it.each<[string, ListServiceDeploymentsCommandInput, RegExp]>([
    ["no service", { service: undefined, cluster: "prod" }, /service is required/],
    ["maxResults 0", { service: "api", maxResults: 0 }, /maxResults 0 must be between 1 and 100/],
    ["maxResults 101", { service: "api", maxResults: 101 }, /maxResults 101 must be between 1 and 100/],
    ["maxResults 2.5", { service: "api", maxResults: 2.5 }, /maxResults 2.5/],
    [
      "an unknown status",
      { service: "api", status: ["RUNNING" as "PENDING"] },
      /status RUNNING is not one of PENDING \| SUCCESSFUL/,
    ],
    [
      "a createdAt bound that is not a timestamp",
      { service: "api", createdAt: { before: "2026-01-01" as unknown as Date } },
      /createdAt\.before must be a timestamp/,
    ],
    ["an empty nextToken", { service: "api", nextToken: "" }, /nextToken/],
  ])("Noncompliance: %s is refused with InvalidParameterException", (_, input, message) => {
    const error = refusal(() => validateListServiceDeployments(input));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error).toMatchObject({ name: "InvalidParameterException", $fault: "client" });
    expect((error as Error).message).toMatch(message);
  });
});

describe("StopServiceDeployment contract", () => {
  it("Compliance: accepts a service deployment ARN with stopType ROLLBACK or none", () => {
    validateStopServiceDeployment({ serviceDeploymentArn: arnOf("ejGvqq2ilnbKT9qj0vLJe"), stopType: "ROLLBACK" });
    validateStopServiceDeployment({ serviceDeploymentArn: arnOf("ejGvqq2ilnbKT9qj0vLJe") });
  });

  it.each<[string, StopServiceDeploymentCommandInput, RegExp]>([
    ["no ARN", { serviceDeploymentArn: undefined }, /serviceDeploymentArn is required/],
    ["a deployment id instead of an ARN", { serviceDeploymentArn: "ecs-svc/123" }, /not a service deployment ARN/],
    ["a service ARN", { serviceDeploymentArn: SERVICE, stopType: "ROLLBACK" }, /not a service deployment ARN/],
    ["stopType ABORT", { serviceDeploymentArn: arnOf("x"), stopType: "ABORT" }, /stopType ABORT is not valid/],
    [
      "an unknown stopType",
      { serviceDeploymentArn: arnOf("x"), stopType: "PAUSE" as "ROLLBACK" },
      /stopType PAUSE is not valid/,
    ],
  ])("Noncompliance: %s is refused with InvalidParameterException", (_, input, message) => {
    const error = refusal(() => validateStopServiceDeployment(input));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).message).toMatch(message);
  });
});

describe("stubServiceDeployments (the fake behind an aws-sdk-client-mock ECS client)", () => {
  const ecs = new ECSClient({ region: "us-east-1" });
  const stub = mockClient(ecs);
  afterEach(() => stub.reset());

  it("pages the way ECS documents: 20 by default, maxResults per page, nextToken until the end", async () => {
    const many = Array.from({ length: LIST_DEFAULT_RESULTS + 5 }, (_, i) => deployment(`d${i}`, "SUCCESSFUL"));
    stubServiceDeployments(stub, many);
    const first = await ecs.send(new ListServiceDeploymentsCommand({ cluster: "prod", service: "api" }));
    expect(first.serviceDeployments).toHaveLength(LIST_DEFAULT_RESULTS);
    const rest = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: "prod", service: "api", nextToken: first.nextToken }),
    );
    expect(rest.serviceDeployments).toHaveLength(5);
    expect(rest.nextToken).toBeUndefined();
    const small = await ecs.send(new ListServiceDeploymentsCommand({ cluster: "prod", service: "api", maxResults: 2 }));
    expect(small.serviceDeployments?.map((d) => d.serviceDeploymentArn)).toEqual([arnOf("d0"), arnOf("d1")]);
    await expect(
      ecs.send(new ListServiceDeploymentsCommand({ cluster: "prod", service: "api", nextToken: "forged" })),
    ).rejects.toThrow(InvalidParameterException);
  });

  it("filters by service, cluster (default 'default'), status and createdAt", async () => {
    stubServiceDeployments(stub, [
      deployment("old", "SUCCESSFUL", new Date("2026-01-01T00:00:00Z")),
      deployment("new", "IN_PROGRESS", new Date("2026-02-01T00:00:00Z")),
    ]);
    const list = async (input: Partial<ListServiceDeploymentsCommandInput>) =>
      (
        await ecs.send(new ListServiceDeploymentsCommand({ service: "api", cluster: "prod", ...input }))
      ).serviceDeployments?.map((d) => d.serviceDeploymentArn?.split("/").pop());
    expect(await list({})).toEqual(["old", "new"]);
    expect(await list({ service: SERVICE })).toEqual(["old", "new"]);
    expect(await list({ cluster: undefined })).toEqual([]);
    expect(await list({ service: "other" })).toEqual([]);
    expect(await list({ status: ["PENDING", "IN_PROGRESS"] })).toEqual(["new"]);
    expect(await list({ createdAt: { after: new Date("2026-01-15T00:00:00Z") } })).toEqual(["new"]);
    expect(await list({ createdAt: { before: new Date("2026-01-15T00:00:00Z") } })).toEqual(["old"]);
  });

  it("refuses an invalid request before answering it", async () => {
    stubServiceDeployments(stub, [deployment("a", "IN_PROGRESS")]);
    await expect(ecs.send(new ListServiceDeploymentsCommand({ service: "api", maxResults: 500 }))).rejects.toThrow(
      /maxResults 500 must be between 1 and 100/,
    );
    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arnOf("a"), stopType: "ABORT" })),
    ).rejects.toThrow(InvalidParameterException);
  });

  it("stops a stoppable deployment with a rollback; refuses an unknown or finished one", async () => {
    const fake = stubServiceDeployments(stub, [deployment("running", "IN_PROGRESS"), deployment("done", "SUCCESSFUL")]);
    const stopped = await ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arnOf("running"), stopType: "ROLLBACK" }),
    );
    expect(stopped.serviceDeploymentArn).toBe(arnOf("running"));
    expect(fake.deployments().map((d) => d.status)).toEqual(["ROLLBACK_REQUESTED", "SUCCESSFUL"]);
    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arnOf("done"), stopType: "ROLLBACK" })),
    ).rejects.toThrow(ConflictException);
    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arnOf("gone"), stopType: "ROLLBACK" })),
    ).rejects.toThrow(ServiceDeploymentNotFoundException);
  });
});
