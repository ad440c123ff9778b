/*
 * The Lambda entry point, end to end on the emulator: settings from the environment, clients
 * created by the handler's own module, Powertools logs. PutEvaluations with a real result token is
 * stubbed (aws-sdk-client-mock, checked against what Config refuses) in the one test that needs it,
 * because moto implements it only in test mode; everything else is real SDK calls to moto.
 */
import { ConfigServiceClient, PutEvaluationsCommand } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLiveClients } from "@readiness/core/checklist/adapters/live/index";
import { EvaluationResultsStore } from "@readiness/core/kernel/results/evaluations";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { changeEvent, eventWith, scheduledEvent } from "../fixtures/config-events/events";
import { taskDefinitionItem } from "../fixtures/config-events/platform";
import { answerPutEvaluations } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { createResultsTable } from "../gate/tables";

const moto = useEmulator();
const RESULTS_TABLE = "readiness-results";
const SETTINGS = [
  "RESULTS_TABLE_NAME",
  "AWS_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
] as const;
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));

type Handler = (event: unknown) => Promise<{ evaluations: number; putCalls: number }>;

/** A fresh copy of the handler module (a cold start): settings are read and clients created anew. */
const loadHandler = async (): Promise<Handler> => {
  vi.resetModules();
  return (await import("@readiness/functions/config-evaluator")).handler as Handler;
};

/** The clients module of the handler loaded last (modules are fresh after each cold start). */
const clientsModule = () => import("@readiness/core/config-rules/clients");

/**
 * The JSON log lines Powertools writes while `work` runs. A failure of `work` fails the test (after
 * the streams are restored): a test that expects one catches it inside `work`.
 */
const logLinesOf = async (work: () => Promise<unknown>): Promise<Record<string, unknown>[]> => {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: unknown): boolean => {
    for (const line of String(chunk).split("\n"))
      if (line.startsWith("{")) lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    await work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
};

beforeAll(async () => {
  process.env.RESULTS_TABLE_NAME = RESULTS_TABLE;
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_ENDPOINT_URL = moto.emulator.endpoint;
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  await createResultsTable(new DynamoDBClient(moto.clientConfig()), RESULTS_TABLE);
});

afterEach(async () => (await clientsModule()).useEvaluatorClients(undefined));

afterAll(() => {
  for (const name of SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("config-evaluator handler", () => {
  it("evaluates a TESTMODE change notification on the emulator and records it", async () => {
    const handler = await loadHandler();
    const result = await handler(changeEvent(taskDefinitionItem(true), { resultToken: "TESTMODE" }));
    expect(result).toEqual({ evaluations: 1, putCalls: 1 });
    const store = new EvaluationResultsStore(ResultsTable.on(new DynamoDBClient(moto.clientConfig()), RESULTS_TABLE));
    expect(await store.latestOfItem("container-hardening")).toMatchObject([
      { resourceType: "AWS::ECS::TaskDefinition", resourceId: "api", compliance: "COMPLIANT", testMode: true },
    ]);
  });

  it("logs the rule and resource on every line of an invocation, and nothing of it in the next", async () => {
    const handler = await loadHandler();
    const first = await logLinesOf(() => handler(changeEvent(taskDefinitionItem(false), { resultToken: "TESTMODE" })));
    const second = await logLinesOf(() =>
      handler(scheduledEvent({ itemId: "vpc-flow-logs", resultToken: "TESTMODE" })),
    );
    const posted = first.find((l) => l.message === "evaluations posted");
    expect(posted).toMatchObject({
      level: "INFO",
      service: "readiness-config-evaluator",
      configRuleName: "readiness-container-hardening",
      itemId: "container-hardening",
      resourceType: "AWS::ECS::TaskDefinition",
      resourceId: "api",
      counts: { NON_COMPLIANT: 1 },
    });
    // The scheduled run completed (a swallowed failure would leave only its error line to check).
    expect(second.find((l) => l.message === "evaluations posted")).toMatchObject({ itemId: "vpc-flow-logs" });
    for (const line of second) {
      expect(line.resourceId, JSON.stringify(line)).toBeUndefined();
      expect(line.itemId).toBe("vpc-flow-logs");
    }
  });

  it("fails a malformed event with a MalformedEventError, logged with its context", async () => {
    const handler = await loadHandler();
    const malformed = eventWith(changeEvent(taskDefinitionItem(true)), "invokingEvent", "{oops");
    let failure: unknown;
    const lines = await logLinesOf(() => handler(malformed).catch((error: unknown) => (failure = error)));
    expect(failure).toMatchObject({ name: "MalformedEventError", field: "invokingEvent" });
    expect(lines).toMatchObject([
      {
        level: "ERROR",
        message: "malformed Config rule event",
        error: { name: "MalformedEventError", field: "invokingEvent", cause: { name: "SyntaxError" } },
        event: { configRuleName: "readiness-container-hardening", invokingEvent: "{oops" },
      },
    ]);
  });

  it("posts a real result token without TestMode through the swapped-in clients (Config stubbed: moto lacks it)", async () => {
    const handler = await loadHandler();
    const swapped = new ConfigServiceClient(moto.clientConfig());
    const config = mockClient(swapped);
    answerPutEvaluations(config);
    (await clientsModule()).useEvaluatorClients({
      config: swapped,
      documents: DynamoDBDocumentClient.from(new DynamoDBClient(moto.clientConfig())),
      live: createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" }),
    });
    await handler(changeEvent(taskDefinitionItem(true), { resultToken: "real-token" }));
    expect(
      config.commandCalls(PutEvaluationsCommand).map((c) => [c.args[0].input.ResultToken, c.args[0].input.TestMode]),
    ).toEqual([["real-token", undefined]]);
  });

  it("refuses to start without its settings", async () => {
    delete process.env.RESULTS_TABLE_NAME;
    try {
      await expect(loadHandler()).rejects.toMatchObject({
        name: "SettingsError",
        variable: "RESULTS_TABLE_NAME",
        message: expect.stringContaining("environment variable RESULTS_TABLE_NAME is not set"),
      });
    } finally {
      process.env.RESULTS_TABLE_NAME = RESULTS_TABLE;
    }
  });
});
