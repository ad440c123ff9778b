import { describe, expect, it } from "vitest";
import type { SmokeRun } from "../../../gate/smoke/types";
import { resultsTableDefinition } from "../layout";
import { evaluatorDeadLetterItem, gateDeadLetterItem, nightlyDeadLetterItem } from "./dead-letters";
import { deploymentOutcomeItem } from "./deployment-outcomes";
import { type DocumentVerdictRecord, documentVerdictItem, documentVerdictOfItem } from "./documents";
import { evaluationItems, evaluationOfItem } from "./evaluations";
import { hookClaim } from "./hook-state";
import { pendingRollbackOfItem, rollbackClaim, rollbackOfItem } from "./rollbacks";
import { type RunRecord, revisionTallyUpdate, runOfItem, smokeRunItem, tallyOfItem } from "./smoke-runs";
import { type SnapshotRecord, snapshotItem, snapshotOfItem } from "./snapshots";

/*
 * Every record's stored item, written out as the stores wrote it before the layout had one module
 * (gate/gate/runs-store.ts, gate/gate/hook.ts, both dead-letters.ts, kernel/results/evaluations.ts): the keys, the
 * index keys, the kind and the TTL are literals here on purpose. A change to any of them makes the
 * records already in deployed tables unreadable or unlisted, so it must fail this test first.
 */

const NOW = Date.parse("2026-11-30T12:00:00.000Z");
const SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/prod/api";
const TD = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/api:${n}`;
const DAYS = (n: number) => 1796040000 + n * 86_400;
const provenance = {
  recordedBy: "readiness-deployment-gate",
  trigger: "deployment-event" as const,
  deploymentId: "d1",
};
const smokeRun = { verdict: "FAIL", reason: "bad", traceId: "t" } as unknown as SmokeRun;
const run: RunRecord = {
  runId: "run-1",
  service: SERVICE,
  revision: TD(2),
  verdict: "FAIL",
  reason: "bad",
  startedAt: "2026-11-30T11:00:00.000Z",
  run: smokeRun,
  provenance,
};

describe("the results table's records, as stored", () => {
  it("a smoke run: by service and start, on the service's timeline, kept 90 days", () => {
    expect(smokeRunItem(run, NOW)).toEqual({
      pk: "SMOKE#prod/api",
      sk: "2026-11-30T11:00:00.000Z#run-1",
      gsi2pk: "SERVICE#prod/api",
      gsi2sk: "SMOKE#2026-11-30T11:00:00.000Z#run-1",
      kind: "SMOKE",
      ...run,
      expiresAt: DAYS(90),
    });
  });

  it("a nightly dead letter: by message id, no index, kept 90 days", () => {
    const record = {
      messageId: "m-1",
      body: "{}",
      receiveCount: 1,
      sourceQueue: "arn:aws:sqs:us-east-1:123456789012:NightlyDeadLetterQueue",
      reason: "the nightly run failed after Lambda's retries (ErrorCode 200: timed out)",
      recordedAt: "2026-11-30T12:00:00.000Z",
      recordedBy: "readiness-nightly-dlq-processor",
    };
    expect(nightlyDeadLetterItem(record, NOW)).toEqual({
      pk: "NIGHTLY-DEADLETTER",
      sk: "m-1",
      kind: "NIGHTLY-DEADLETTER",
      ...record,
      expiresAt: DAYS(90),
    });
  });

  it("a nightly snapshot: by service and day, no index, kept 400 days from its day; read back as written", () => {
    const snapshot: SnapshotRecord = {
      service: SERVICE,
      serviceName: "api",
      cluster: "prod",
      date: "2026-11-30",
      takenAt: "2026-11-30T03:00:05.000Z",
      verdicts: [
        { item: "log-retention", status: "pass", reason: "2 resources pass" },
        { item: "post-deploy-smoke", status: "unknown", reason: "no smoke run recorded for api:2" },
      ],
      provenance: { recordedBy: "readiness-nightly", commit: "abc123" },
    };
    const item = snapshotItem(snapshot);
    expect(item).toEqual({
      pk: "SNAPSHOT#prod/api",
      sk: "2026-11-30",
      kind: "SNAPSHOT",
      ...snapshot,
      expiresAt: Date.parse("2026-11-30T00:00:00.000Z") / 1000 + 400 * 86_400,
    });
    expect(snapshotOfItem(item)).toEqual(snapshot);
    expect(snapshotOfItem({ ...item, kind: "SMOKE" })).toBeUndefined();
  });

  it("a revision tally: one item per revision, counted with ADD, never expires", () => {
    expect(revisionTallyUpdate(run)).toEqual({
      key: { pk: "REVISIONS#prod/api", sk: TD(2) },
      update: {
        expression: "SET #revision = :revision, #kind = :kind ADD #passes :pass, #fails :fail",
        names: { "#revision": "revision", "#kind": "kind", "#passes": "passes", "#fails": "fails" },
        values: { ":revision": TD(2), ":kind": "REVISION-TALLY", ":pass": 0, ":fail": 1 },
      },
    });
    const passed = revisionTallyUpdate({ ...run, verdict: "PASS" });
    expect(passed.update.expression).toBe(
      "SET #revision = :revision, #kind = :kind, #lastPassAt = :at ADD #passes :pass, #fails :fail",
    );
    expect(passed.update.values).toMatchObject({ ":pass": 1, ":fail": 0, ":at": run.startedAt });
  });

  it("a rollback claim: by the revision it leaves, written only when absent, kept 365 days", () => {
    const record = {
      service: SERVICE,
      fromRevision: TD(2),
      toRevision: TD(1),
      method: "UpdateService" as const,
      requestedAt: "2026-11-30T11:01:00.000Z",
      deploymentId: "d2",
      provenance,
    };
    expect(rollbackClaim(record, NOW)).toEqual({
      item: {
        pk: `ROLLBACK#${TD(2)}`,
        sk: "prod/api",
        gsi2pk: "SERVICE#prod/api",
        gsi2sk: "ROLLBACK#2026-11-30T11:01:00.000Z",
        kind: "ROLLBACK",
        status: "REQUESTED",
        ...record,
        expiresAt: DAYS(365),
      },
      condition: { expression: "attribute_not_exists(pk)" },
    });
  });

  it("a deployment outcome: by service and time, on the timeline as DEPLOYMENT, kept 90 days", () => {
    const outcome = {
      service: SERVICE,
      eventName: "SERVICE_DEPLOYMENT_COMPLETED",
      deploymentId: "d2",
      at: "2026-11-30T11:02:00.000Z",
      verdict: "PASS",
    };
    expect(deploymentOutcomeItem(outcome, NOW)).toEqual({
      pk: "OUTCOME#prod/api",
      sk: "2026-11-30T11:02:00.000Z#d2#SERVICE_DEPLOYMENT_COMPLETED",
      gsi2pk: "SERVICE#prod/api",
      gsi2sk: "DEPLOYMENT#2026-11-30T11:02:00.000Z",
      kind: "DEPLOYMENT",
      ...outcome,
      expiresAt: DAYS(90),
    });
  });

  it("a lifecycle hook's state: by execution, claimed when absent or stale, kept 7 days", () => {
    const claim = { executionKey: "exec-1", owner: "o", service: SERVICE, targetServiceRevisionArn: "rev" };
    expect(hookClaim(claim, NOW, NOW - 600_000)).toEqual({
      item: {
        pk: "HOOK#exec-1",
        sk: "state",
        kind: "HOOK-STATE",
        status: "RUNNING",
        startedAt: NOW,
        owner: "o",
        service: SERVICE,
        targetServiceRevisionArn: "rev",
        expiresAt: DAYS(7),
      },
      condition: {
        expression: "attribute_not_exists(pk) OR (#status = :running AND startedAt < :stale)",
        names: { "#status": "status" },
        values: { ":running": "RUNNING", ":stale": NOW - 600_000 },
      },
    });
  });

  it("dead letters: by message id; the gate's on its service's timeline when it names one; kept 90 days", () => {
    const letter = {
      messageId: "m-1",
      body: "{}",
      receiveCount: 3,
      sourceQueue: "arn:dlq",
      reason: "bad",
      recordedAt: "2026-11-30T12:00:00.000Z",
      recordedBy: "x",
    };
    expect(gateDeadLetterItem({ ...letter, service: SERVICE }, NOW)).toEqual({
      pk: "GATE-DEADLETTER",
      sk: "m-1",
      gsi2pk: "SERVICE#prod/api",
      gsi2sk: "DEADLETTER#2026-11-30T12:00:00.000Z",
      kind: "DEADLETTER",
      ...letter,
      service: SERVICE,
      expiresAt: DAYS(90),
    });
    expect(gateDeadLetterItem(letter, NOW)).toEqual({
      pk: "GATE-DEADLETTER",
      sk: "m-1",
      kind: "DEADLETTER",
      ...letter,
      expiresAt: DAYS(90),
    });
    expect(evaluatorDeadLetterItem(letter, NOW)).toEqual({
      pk: "EVALUATOR-DEADLETTER",
      sk: "m-1",
      kind: "EVALUATOR-DEADLETTER",
      ...letter,
      expiresAt: DAYS(90),
    });
  });

  it("an evaluation: a history row (expires 90 days after the evaluation) and a latest row on gsi1, no kind", () => {
    const evaluation = {
      itemId: "container-hardening" as const,
      ruleName: "readiness-container-hardening",
      resourceType: "AWS::ECS::TaskDefinition",
      resourceId: "api",
      compliance: "COMPLIANT" as const,
      annotation: "ok",
      evaluatedAt: "2026-11-30T11:00:00.000Z",
      testMode: false,
    };
    expect(evaluationItems(evaluation, 90)).toEqual([
      {
        pk: "EVAL#container-hardening#api",
        sk: "2026-11-30T11:00:00.000Z",
        ...evaluation,
        expiresAt: Math.floor(Date.parse(evaluation.evaluatedAt) / 1000) + 90 * 86_400,
      },
      {
        pk: "EVAL#container-hardening#api",
        sk: "latest",
        ...evaluation,
        gsi1pk: "EVAL#container-hardening",
        gsi1sk: "AWS::ECS::TaskDefinition#api",
      },
    ]);
  });
});

describe("records already stored are read back", () => {
  it("a smoke run, a tally, a rollback and an evaluation as the old stores wrote them", () => {
    const storedRun = {
      pk: "SMOKE#prod/api",
      sk: "x",
      gsi2pk: "SERVICE#prod/api",
      gsi2sk: "SMOKE#x",
      kind: "SMOKE",
      ...run,
      expiresAt: 1,
    };
    expect(runOfItem(storedRun)).toEqual(run);
    expect(
      tallyOfItem({
        pk: "REVISIONS#prod/api",
        sk: TD(1),
        kind: "REVISION-TALLY",
        revision: TD(1),
        passes: 2,
        fails: 0,
        lastPassAt: "t",
      }),
    ).toEqual({ revision: TD(1), passes: 2, fails: 0, lastPassAt: "t" });
    const storedRollback = {
      pk: `ROLLBACK#${TD(2)}`,
      sk: "prod/api",
      kind: "ROLLBACK",
      status: "REQUESTED",
      service: SERVICE,
      fromRevision: TD(2),
      toRevision: "ecs-native",
      method: "StopServiceDeployment",
      requestedAt: "t",
      deploymentId: "d",
      provenance,
    };
    expect(rollbackOfItem(storedRollback)).toMatchObject({ toRevision: "ecs-native", method: "StopServiceDeployment" });
    expect(pendingRollbackOfItem(storedRollback)?.key).toEqual({ pk: `ROLLBACK#${TD(2)}`, sk: "prod/api" });
    expect(
      evaluationOfItem({
        pk: "EVAL#x#api",
        sk: "latest",
        itemId: "x",
        resourceType: "T",
        resourceId: "api",
        compliance: "NON_COMPLIANT",
        evaluatedAt: "t",
      }),
    ).toEqual({
      itemId: "x",
      ruleName: "",
      resourceType: "T",
      resourceId: "api",
      compliance: "NON_COMPLIANT",
      annotation: "",
      evaluatedAt: "t",
      testMode: false,
    });
    expect(runOfItem({ pk: "SMOKE#prod/api", sk: "x", kind: "SMOKE" })).toBeUndefined();
  });
});

describe("the table's definition", () => {
  it("keys pk/sk, gsi1 and gsi2 projecting everything, TTL expiresAt", () => {
    const { table, ttlAttribute } = resultsTableDefinition("t");
    expect(ttlAttribute).toBe("expiresAt");
    expect(table.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(
      table.GlobalSecondaryIndexes.map((index) => [index.IndexName, ...index.KeySchema.map((k) => k.AttributeName)]),
    ).toEqual([
      ["gsi1", "gsi1pk", "gsi1sk"],
      ["gsi2", "gsi2pk", "gsi2sk"],
    ]);
    expect(table.AttributeDefinitions.map((a) => a.AttributeName)).toEqual([
      "pk",
      "sk",
      "gsi1pk",
      "gsi1sk",
      "gsi2pk",
      "gsi2sk",
    ]);
  });

  it("a published document verdict keeps golden-signals' signal and queue depth coverage; malformed entries are dropped", () => {
    const record: DocumentVerdictRecord = {
      service: "task-platform/task-worker",
      itemId: "golden-signals",
      status: "pass",
      reason: "covered",
      publishedAt: "2026-12-07T09:00:00.000Z",
      validUntil: "2027-01-06T09:00:00.000Z",
      weighsConfig: true,
      signals: [{ signal: "errors", what: 'errors of worker (job "task-worker")', coveredBy: "recording rule e" }],
      queueDepth: [
        { queue: "task-queue", dlq: false, coveredBy: "recording rule q (rules.yaml:3:9)" },
        { queue: "task-dlq", dlq: true },
      ],
      provenance: { publishedBy: "readiness publish", files: [] },
    };
    expect(documentVerdictOfItem(documentVerdictItem(record))).toEqual(record);
    const stored = { ...documentVerdictItem(record), queueDepth: [{ queue: "q", dlq: "no" }, record.queueDepth![1]] };
    expect(documentVerdictOfItem(stored)?.queueDepth).toEqual([{ queue: "task-dlq", dlq: true }]);
  });
});
