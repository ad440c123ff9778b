/*
 * postEvaluations on its own: batches of at most 100, re-sending only what Config lists in
 * FailedEvaluations, bounded attempts, what it returns as failed, TestMode. Config is stubbed with
 * aws-sdk-client-mock (moto takes PutEvaluations in test mode only and never refuses part of a
 * call); every request is checked against the PutEvaluations contract first, so a batch of 101 or
 * an INSUFFICIENT_DATA would fail here as it fails on AWS.
 */
import {
  ConfigServiceClient,
  type Evaluation as ConfigEvaluation,
  PutEvaluationsCommand,
  type PutEvaluationsRequest,
} from "@aws-sdk/client-config-service";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerPutEvaluations } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { inTurn } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { COMPLIANCE, type Compliance } from "../kernel/results/compliance";
import type { Evaluation } from "./evaluation";
import { type PostOptions, postEvaluations } from "./put-evaluations";

const client = new ConfigServiceClient({
  region: "us-east-1",
  credentials: { accessKeyId: "x", secretAccessKey: "x" },
});
const config = mockClient(client);
beforeEach(() => answerPutEvaluations(config));
afterEach(() => config.reset());

const AT = new Date("2026-11-30T02:00:00.000Z");

const evaluation = (id: string, compliance: Compliance = COMPLIANCE.compliant): Evaluation => ({
  itemId: "container-hardening",
  resourceType: "AWS::ECS::TaskDefinition",
  resourceId: id,
  compliance,
  annotation: `reason of ${id}`,
  orderingTimestamp: AT,
});

const evaluations = (count: number): Evaluation[] => Array.from({ length: count }, (_, i) => evaluation(`td-${i}`));

/** Config's answer listing these resources (by id) as not recorded. */
const refusing = (...ids: string[]) => ({
  FailedEvaluations: ids.map(
    (id): ConfigEvaluation => ({
      ComplianceResourceType: "AWS::ECS::TaskDefinition",
      ComplianceResourceId: id,
      ComplianceType: "COMPLIANT",
      OrderingTimestamp: AT,
    }),
  ),
});

const requests = (): PutEvaluationsRequest[] => config.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input);
const sentIds = (): string[][] => requests().map((r) => (r.Evaluations ?? []).map((e) => e.ComplianceResourceId!));

const delays: number[] = [];
const options = (overrides: Partial<PostOptions> = {}): PostOptions => ({
  resultToken: "token",
  testMode: false,
  retry: { maxAttempts: 4, baseDelayMs: 100 },
  sleep: async (ms) => {
    delays.push(ms);
  },
  random: () => 1,
  ...overrides,
});
beforeEach(() => {
  delays.length = 0;
});

describe("batching (≤ 100 per PutEvaluations)", () => {
  it.each([
    [0, []],
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [250, [100, 100, 50]],
  ])("%i evaluations go in calls of %j, each in order and each once", async (count, sizes) => {
    const all = evaluations(count);
    const report = await postEvaluations(client, all, options());
    expect(requests().map((r) => r.Evaluations?.length)).toEqual(sizes);
    expect(sentIds().flat()).toEqual(all.map((e) => e.resourceId));
    expect(report).toEqual({ calls: sizes.length, failed: [] });
  });
});

describe("FailedEvaluations", () => {
  it("only the refused evaluations are re-sent, with the backoff doubling", async () => {
    answerPutEvaluations(config, inTurn(refusing("td-0", "td-2"), refusing("td-2"), refusing()));
    const report = await postEvaluations(client, evaluations(3), options());
    expect(sentIds()).toEqual([["td-0", "td-1", "td-2"], ["td-0", "td-2"], ["td-2"]]);
    expect(report).toEqual({ calls: 3, failed: [] });
    expect(delays).toEqual([100, 200]);
  });

  it("the backoff has full jitter (random × base × 2^retry)", async () => {
    answerPutEvaluations(config, inTurn(refusing("td-0"), refusing("td-0"), refusing()));
    await postEvaluations(client, evaluations(1), options({ random: () => 0.25 }));
    expect(delays).toEqual([25, 50]);
  });

  it("a batch is called at most maxAttempts times; what Config still refuses is returned, as decided", async () => {
    answerPutEvaluations(config, refusing("td-1"));
    const all = evaluations(2);
    const report = await postEvaluations(client, all, options({ retry: { maxAttempts: 3, baseDelayMs: 10 } }));
    expect(sentIds()).toEqual([["td-0", "td-1"], ["td-1"], ["td-1"]]);
    expect(report).toEqual({ calls: 3, failed: [all[1]] });
    expect(delays).toHaveLength(2);
  });

  it("maxAttempts 1 never retries", async () => {
    answerPutEvaluations(config, refusing("td-0"));
    const all = evaluations(1);
    expect(await postEvaluations(client, all, options({ retry: { maxAttempts: 1, baseDelayMs: 10 } }))).toEqual({
      calls: 1,
      failed: all,
    });
    expect(delays).toEqual([]);
  });

  it("each batch retries on its own: a refusal in the first does not hold back the second", async () => {
    answerPutEvaluations(config, (input) => {
      const ids = (input.Evaluations ?? []).map((e) => e.ComplianceResourceId!);
      return ids.includes("td-3") ? refusing("td-3") : refusing();
    });
    const all = evaluations(101);
    const report = await postEvaluations(client, all, options({ retry: { maxAttempts: 2, baseDelayMs: 10 } }));
    expect(requests().map((r) => r.Evaluations?.length)).toEqual([100, 1, 1]);
    expect(sentIds()[1]).toEqual(["td-3"]);
    expect(report).toEqual({ calls: 3, failed: [all[3]] });
  });

  it("an undecided evaluation Config refuses is matched by its resource and returned undecided", async () => {
    answerPutEvaluations(config, refusing("td-0"));
    const undecided = evaluation("td-0", COMPLIANCE.insufficientData);
    const report = await postEvaluations(client, [undecided], options({ retry: { maxAttempts: 2, baseDelayMs: 10 } }));
    expect(report.failed).toEqual([undecided]);
  });
});

describe("what is sent", () => {
  it("every evaluation as Config accepts it: an undecided one NON_COMPLIANT, UNDECIDED: and its reason", async () => {
    await postEvaluations(
      client,
      [evaluation("td-0", COMPLIANCE.insufficientData), evaluation("td-1", COMPLIANCE.notApplicable)],
      options(),
    );
    expect(requests()[0]?.Evaluations).toEqual([
      {
        ComplianceResourceType: "AWS::ECS::TaskDefinition",
        ComplianceResourceId: "td-0",
        ComplianceType: "NON_COMPLIANT",
        Annotation: "UNDECIDED: reason of td-0",
        OrderingTimestamp: AT,
      },
      {
        ComplianceResourceType: "AWS::ECS::TaskDefinition",
        ComplianceResourceId: "td-1",
        ComplianceType: "NOT_APPLICABLE",
        Annotation: "reason of td-1",
        OrderingTimestamp: AT,
      },
    ]);
  });

  it.each([
    [true, "TESTMODE", { ResultToken: "TESTMODE", TestMode: true }],
    [false, "real-token", { ResultToken: "real-token" }],
  ])("testMode %s: the result token, and TestMode only when set", async (testMode, resultToken, expected) => {
    await postEvaluations(client, evaluations(101), options({ testMode, resultToken }));
    expect(requests()).toHaveLength(2);
    for (const request of requests()) {
      const { Evaluations: _, ...rest } = request;
      expect(rest).toEqual(expected);
    }
  });

  it("a call Config refuses outright fails the post (no evaluation is reported as taken)", async () => {
    answerPutEvaluations(config, () => {
      throw Object.assign(new Error("The security token included in the request is invalid"), {
        name: "UnrecognizedClientException",
      });
    });
    await expect(postEvaluations(client, evaluations(1), options())).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
  });
});
