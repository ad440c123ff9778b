import { DescribeScalableTargetsCommand } from "@aws-sdk/client-application-auto-scaling";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import { ListClustersCommand } from "@aws-sdk/client-ecs";
import { DescribeLoadBalancersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { ListEventSourceMappingsCommand } from "@aws-sdk/client-lambda";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import { ListSubscriptionsCommand } from "@aws-sdk/client-sns";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import { createLiveClients, destroyLiveClients, type LiveClients } from "@readiness/core/checklist/adapters/live/index";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { UsageError } from "@readiness/core/kernel/errors";
import { configOf } from "@readiness/devkit/testing/builders";
import { afterEach, describe, expect, it } from "vitest";
import { type SilentEndpoint, startSilentEndpoint } from "@readiness/devkit/test-support/fake-endpoint";

// An endpoint that accepts connections and never answers: without timeouts every request waits
// forever, so each test here would hang until vitest's own timeout if the fix regressed.
const silent: SilentEndpoint[] = [];
const silentEndpoint = async (): Promise<SilentEndpoint> => {
  const endpoint = await startSilentEndpoint();
  silent.push(endpoint);
  return endpoint;
};
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
afterEach(async () => {
  await Promise.all(silent.splice(0).map((endpoint) => endpoint.close()));
});

describe("a live client against an endpoint that never answers", () => {
  it("gives up after its request timeout and names the endpoint and the action", async () => {
    const endpoint = await silentEndpoint();
    const clients = createLiveClients({
      endpoint: endpoint.url,
      maxAttempts: 1,
      timeouts: { connectMs: 200, requestMs: 200 },
    });
    try {
      const error = await clients.ecs.send(new ListClustersCommand({})).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        `no answer from ${endpoint.url} within 200 ms (ecs:ListClusters); it has answered nothing in this run, so it is not retried`,
      );
      expect(endpoint.connections()).toBe(1);
    } finally {
      destroyLiveClients(clients);
    }
  }, 20_000);
});

describe("an endpoint that has answered nothing is not retried", () => {
  it("one timed-out attempt ends the request, naming the endpoint (not six attempts, ~95 s by default)", async () => {
    const endpoint = await silentEndpoint();
    const clients = createLiveClients({ endpoint: endpoint.url, timeouts: { connectMs: 200, requestMs: 200 } });
    try {
      const error = await clients.ecs.send(new ListClustersCommand({})).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        `no answer from ${endpoint.url} within 200 ms (ecs:ListClusters); it has answered nothing in this run, so it is not retried`,
      );
      expect(endpoint.connections()).toBe(1);
    } finally {
      destroyLiveClients(clients);
    }
  }, 20_000);

  it("an endpoint that answered before is retried when it goes quiet (a slow moment, not a dead endpoint)", async () => {
    let requests = 0;
    const server = createServer((request, response) => {
      requests++;
      request.resume();
      if (requests === 1) {
        response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify({ clusterArns: [] }));
      }
      // Later requests are never answered.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clients = createLiveClients({ endpoint: url, maxAttempts: 2, timeouts: { connectMs: 200, requestMs: 200 } });
    try {
      expect(await clients.ecs.send(new ListClustersCommand({}))).toMatchObject({ clusterArns: [] });
      const error = await clients.ecs.send(new ListClustersCommand({})).catch((e: unknown) => e);
      expect((error as Error).message).toBe(`no answer from ${url} within 200 ms (ecs:ListClusters, 2 attempts)`);
      expect(requests).toBe(3);
    } finally {
      destroyLiveClients(clients);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 20_000);
});

/** One cheap call per live client; the type makes a client added to LiveClients without a call here a compile error. */
const ONE_CALL: { [K in Exclude<keyof LiveClients, "source">]: (clients: LiveClients) => Promise<unknown> } = {
  ecs: (c) => c.ecs.send(new ListClustersCommand({})),
  ec2: (c) => c.ec2.send(new DescribeVpcsCommand({})),
  ecr: (c) => c.ecr.send(new DescribeRepositoriesCommand({})),
  elbv2: (c) => c.elbv2.send(new DescribeLoadBalancersCommand({})),
  sqs: (c) => c.sqs.send(new ListQueuesCommand({})),
  dynamodb: (c) => c.dynamodb.send(new ListTablesCommand({})),
  autoScaling: (c) => c.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "ecs" })),
  logs: (c) => c.logs.send(new DescribeLogGroupsCommand({})),
  iam: (c) => c.iam.send(new ListRolesCommand({})),
  lambda: (c) => c.lambda.send(new ListEventSourceMappingsCommand({})),
  secretsManager: (c) => c.secretsManager.send(new ListSecretsCommand({})),
  cloudWatch: (c) => c.cloudWatch.send(new DescribeAlarmsCommand({})),
  events: (c) => c.events.send(new ListRulesCommand({})),
  sns: (c) => c.sns.send(new ListSubscriptionsCommand({})),
};

describe("every live client against an endpoint that never answers", () => {
  it("gives up after its request timeout, naming the endpoint", async () => {
    const endpoint = await silentEndpoint();
    const clients = createLiveClients({
      endpoint: endpoint.url,
      maxAttempts: 1,
      timeouts: { connectMs: 200, requestMs: 200 },
    });
    try {
      const names = Object.keys(clients).filter((name) => name !== "source");
      expect(names.sort()).toEqual(Object.keys(ONE_CALL).sort());
      const errors = await Promise.all(
        names.map((name) => ONE_CALL[name as keyof typeof ONE_CALL](clients).catch((e: unknown) => e)),
      );
      expect(errors.map((e) => (e as Error).message)).toEqual(
        names.map(() =>
          expect.stringMatching(new RegExp(`^no answer from ${escaped(endpoint.url)} within 200 ms \\(`)),
        ),
      );
    } finally {
      destroyLiveClients(clients);
    }
  }, 20_000);
});

describe("check --live against an endpoint that never answers", () => {
  it("stops at the deadline with an input error that names the endpoint", async () => {
    const endpoint = await silentEndpoint();
    const error = await checkLive({
      config: configOf(),
      endpoint: endpoint.url,
      only: ["dlq-coverage"],
      deadlineMs: 500,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(
      new RegExp(`^no answer from ${escaped(endpoint.url)} within the 500 ms deadline`),
    );
    expect((error as UsageError).hint).toContain("--deadline");
    expect(endpoint.connections()).toBeGreaterThan(0);
  }, 20_000);

  it("stops when retried requests time out, before the deadline, with the endpoint named", async () => {
    const endpoint = await silentEndpoint();
    const error = await checkLive({
      config: configOf(),
      endpoint: endpoint.url,
      only: ["dlq-coverage"],
      timeouts: { connectMs: 100, requestMs: 100 },
      deadlineMs: 60_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(
      new RegExp(`^no answer from ${escaped(endpoint.url)} within 100 ms \\((ecs|sqs|lambda):`),
    );
  }, 20_000);
});
