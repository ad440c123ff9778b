import { ECSClient, ListServiceDeploymentsCommand, ListTasksCommand } from "@aws-sdk/client-ecs";
import { GetQueueAttributesCommand, ListQueuesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import {
  collectLiveInventory,
  createLiveClients,
  EndpointLacksApiError,
  type LiveClients,
  translateSdkError,
} from "@readiness/core/checklist/adapters/live/index";
import { freeLoopbackPort } from "@readiness/devkit/emulator/moto";
import { isUnknown } from "@readiness/core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type FakeEndpoint, MOTO_UNIMPLEMENTED, startFakeEndpoint } from "@readiness/devkit/test-support/fake-endpoint";
import { buildPlatform } from "./platform";

const moto = useEmulator({ resetBeforeEach: true });
const motoClients = (): LiveClients => createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" });

const fakes: FakeEndpoint[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

/** Shaped like the SDK's AccessDenied service exception. */
const accessDenied = (): Error =>
  Object.assign(new Error("User is not authorized to perform this action"), {
    name: "AccessDeniedException",
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
  });

describe("an API the credentials may not call", () => {
  // moto allows every call, so denial is injected with aws-sdk-client-mock on one client; every
  // other client still talks to the real emulator.
  it("makes that API's resource types unreadable with the missing permission, and the run goes on", async () => {
    await buildPlatform(moto.clientConfig());
    const clients = motoClients();
    mockClient(clients.sqs).on(ListQueuesCommand).rejects(accessDenied());

    const { inventory, unreadableTypes } = await collectLiveInventory(clients);

    expect([...unreadableTypes]).toEqual([["AWS::SQS::Queue", "missing permission sqs:ListQueues"]]);
    expect(inventory.ofType("AWS::SQS::Queue")).toEqual([]);
    expect(inventory.ofType("AWS::ECS::Service")).toHaveLength(1);
    expect(inventory.ofType("AWS::Logs::LogGroup").length).toBeGreaterThan(0);
  });

  it("makes only a detail unknown when the denied API only fills in a detail (running tasks)", async () => {
    await buildPlatform(moto.clientConfig());
    const clients = motoClients();
    const ecs = clients.ecs;
    const realSend = ecs.send.bind(ecs);
    mockClient(ecs).send.callsFake((command: Parameters<typeof realSend>[0]) =>
      command instanceof ListTasksCommand ? Promise.reject(accessDenied()) : realSend(command),
    );

    const { inventory, unreadableTypes, warnings } = await collectLiveInventory(clients);

    expect([...unreadableTypes]).toEqual([]);
    expect(warnings).toEqual(["missing permission ecs:ListTasks"]);
    const [service] = inventory.ofType("AWS::ECS::Service");
    const zones = service?.observed?.runningTaskAvailabilityZones;
    expect(isUnknown(zones) && zones.reason).toBe("missing permission ecs:ListTasks");
  });
});

describe("an endpoint that lacks an API", () => {
  it("is recognised from what the real emulator answers for an action it does not implement", async () => {
    const ecs = new ECSClient({ ...moto.clientConfig(), maxAttempts: 1 });
    const error = await ecs
      .send(new ListServiceDeploymentsCommand({ service: "api", cluster: "platform" }))
      .catch((e: unknown) => e);
    const translated = translateSdkError(error, "ecs:ListServiceDeployments");
    expect(translated).toBeInstanceOf(EndpointLacksApiError);
    expect((translated as EndpointLacksApiError).reason).toBe("endpoint lacks ecs:ListServiceDeployments");
  });

  // moto implements every action the collectors call, so one client is pointed at a loopback
  // server that answers the way moto answers an unimplemented action (HTTP 500 + HTML).
  it("makes that API's resource types unreadable with 'endpoint lacks', and the run goes on", async () => {
    const lacking = await startFakeEndpoint(() => MOTO_UNIMPLEMENTED);
    fakes.push(lacking);
    const clients: LiveClients = {
      ...motoClients(),
      ecr: createLiveClients({ endpoint: lacking.url, maxAttempts: 1 }).ecr,
    };

    const { unreadableTypes, inventory } = await collectLiveInventory(clients);

    expect(unreadableTypes.get("AWS::ECR::Repository")).toBe("endpoint lacks ecr:DescribeRepositories");
    expect([...unreadableTypes.keys()]).toEqual(["AWS::ECR::Repository"]);
    expect(inventory.ofType("AWS::EC2::VPC").length).toBeGreaterThan(0);
  });
});

describe("throttling", () => {
  it("is retried with backoff until the API answers", async () => {
    const throttled = {
      status: 400,
      body: JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }),
    };
    const endpoint = await startFakeEndpoint((action, nth) =>
      action === "ListClusters" && nth <= 2 ? throttled : { status: 200, body: JSON.stringify({ clusterArns: [] }) },
    );
    fakes.push(endpoint);
    const clients: LiveClients = { ...motoClients(), ecs: createLiveClients({ endpoint: endpoint.url }).ecs };

    const { unreadableTypes } = await collectLiveInventory(clients);

    expect(endpoint.actions.filter((a) => a === "ListClusters")).toHaveLength(3);
    expect([...unreadableTypes]).toEqual([]);
  });
});

describe("concurrency", () => {
  it("keeps at most `concurrency` requests in flight while still working in parallel", async () => {
    const clients = motoClients();
    const urls = Array.from({ length: 60 }, (_, i) => `${moto.emulator.endpoint}/123456789012/q${i}`);
    let inFlight = 0;
    let peak = 0;
    // A mock, so each GetQueueAttributes can be held open long enough to overlap.
    const sqs = mockClient(clients.sqs as SQSClient);
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: urls });
    sqs.on(GetQueueAttributesCommand).callsFake(async (input: { QueueUrl: string }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      return { Attributes: { QueueArn: `arn:aws:sqs:us-east-1:123456789012:${input.QueueUrl.split("/").pop()}` } };
    });

    const { inventory } = await collectLiveInventory(clients, { concurrency: 3 });

    expect(inventory.ofType("AWS::SQS::Queue")).toHaveLength(60);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });
});

describe("an unreachable endpoint", () => {
  it("fails the whole run with the connection error, for the caller to explain", async () => {
    const port = await freeLoopbackPort();
    const clients = createLiveClients({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 });
    const error = await collectLiveInventory(clients).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code ?? ((error as Error).cause as NodeJS.ErrnoException)?.code).toBe(
      "ECONNREFUSED",
    );
  });
});
