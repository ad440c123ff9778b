import { collectLiveInventory, createLiveClients, type LiveCollection } from "@readiness/core/checklist/adapters/live/index";
import { COLLECTOR_APIS } from "@readiness/core/checklist/adapters/live/collectors";
import { beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { buildPlatform } from "./platform";
import { countRequests } from "./request-counter";

const moto = useEmulator();
const LOG_GROUP = "AWS::Logs::LogGroup";
let everything: LiveCollection;
let logGroupsOnly: LiveCollection;
let requests: Map<string, number>;

beforeAll(async () => {
  await buildPlatform(moto.clientConfig());
  const connect = () => createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" });
  everything = await collectLiveInventory(connect());
  const clients = connect();
  requests = countRequests(clients);
  logGroupsOnly = await collectLiveInventory(clients, { types: [LOG_GROUP] });
});

const idsOf = (collection: LiveCollection, type: string): string[] =>
  collection.inventory
    .ofType(type)
    .map((r) => r.id)
    .sort();

describe("collectLiveInventory asked for some types", () => {
  it("calls only the collectors of those types, and ECS's (the scope's roots)", () => {
    const commands = [...requests.keys()].sort();
    expect(commands).toContain("DescribeLogGroupsCommand");
    expect(commands).toContain("DescribeServicesCommand");
    const actionsOf = (module: string) => Object.values(COLLECTOR_APIS[module]!).map((api) => api.action.split(":")[1]);
    const allowed = new Set([...actionsOf("ecs"), ...actionsOf("logs")]);
    const others = commands.filter((command) => !allowed.has(command.replace(/Command$/, "")));
    expect(others, "no EC2, SQS, IAM, ELB… request").toEqual([]);
  });

  it("reads the same resources of those types as a full collection", () => {
    expect(idsOf(logGroupsOnly, LOG_GROUP).length).toBeGreaterThan(0);
    expect(idsOf(logGroupsOnly, LOG_GROUP)).toEqual(idsOf(everything, LOG_GROUP));
    for (const type of ["AWS::ECS::Service", "AWS::ECS::TaskDefinition"])
      expect(idsOf(logGroupsOnly, type)).toEqual(idsOf(everything, type));
  });

  it("leaves out the types nobody asked for, without calling them unreadable", () => {
    expect(idsOf(everything, "AWS::EC2::Subnet").length).toBeGreaterThan(0);
    expect(idsOf(logGroupsOnly, "AWS::EC2::Subnet")).toEqual([]);
    expect(idsOf(logGroupsOnly, "AWS::SQS::Queue")).toEqual([]);
    expect([...logGroupsOnly.unreadableTypes]).toEqual([]);
  });
});
