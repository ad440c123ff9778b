/*
 * readiness's own iam-least-privilege probe against the provisioned example platform, on the
 * emulator with the opt-in SimulatePrincipalPolicy extension (plain moto lacks the action, see
 * missing-api.emulator.test.ts): the decisions come from the task roles' real policies, through
 * `readiness check --live`'s code and through the Config evaluator's, with the example's own
 * readiness.yml.
 */
import { join } from "node:path";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { configResourceKeyOf } from "@readiness/core/checklist/adapters/config-item/identity";
import {
  collectLiveInventory,
  createLiveClients,
  destroyLiveClients,
} from "@readiness/core/checklist/adapters/live/index";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { loadConfig } from "@readiness/core/checklist/config/load";
import type { ItemResult } from "@readiness/core/checklist/engine/engine";
import { liveCollector } from "@readiness/core/config-rules/clients";
import { evaluateConfigRuleEvent } from "@readiness/core/config-rules/evaluator";
import { simulatingRoleProber } from "@readiness/core/config-rules/probe";
import { CONFIG_SERVICE_VALIDATORS } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { validateBeforeSending } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import type { Variant } from "@readiness/example-task-platform/provision/index";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../cli/helpers";
import { scheduledEvent } from "../fixtures/config-events/events";
import { CONFIG_PATH, liveToLogical, provisionSettled, REGION } from "./parity-platform";

const moto = useEmulator({ extensions: ["iam-simulate-principal-policy"] });

const ITEM = "iam-least-privilege";

interface Decided {
  /** The live check's item. */
  readonly item: ItemResult;
  /** Probe findings: task role logical id → [status, reason without the role's name]. */
  readonly probe: Record<string, [string, string]>;
  /** The Config evaluator's TESTMODE evaluations of the task roles: logical id → [compliance, annotation]. */
  readonly config: Record<string, [string, string]>;
}

/** Provisions the variant into the reset emulator, then decides the item both ways. */
const decideVariant = (variant: Variant): (() => Decided) => {
  let decided: Decided | undefined;
  beforeAll(async () => {
    await moto.emulator.reset();
    const platform = await provisionSettled(moto, variant);
    const config = await loadConfig(join(REPO, CONFIG_PATH));
    // The same call the CLI makes for `readiness check --live --endpoint-url … --config …`.
    const { report } = await checkLive({ config, endpoint: moto.emulator.endpoint, region: REGION, only: [ITEM] });
    const clients = createLiveClients({ endpoint: moto.emulator.endpoint, region: REGION });
    const configService = validateBeforeSending(
      new ConfigServiceClient(moto.clientConfig(REGION)),
      CONFIG_SERVICE_VALIDATORS,
    );
    try {
      const { inventory } = await collectLiveInventory(clients);
      const logical = liveToLogical(platform, inventory);
      // Config names a resource by its own key (a role by its RoleId): the same resource's logical id.
      const byConfigKey = new Map(
        [...inventory.all()].map((resource) => {
          const key = configResourceKeyOf(resource);
          return [`${key.resourceType}|${key.resourceId}`, logical.get(resource.id) ?? `?${resource.id}`];
        }),
      );
      // As the evaluator Lambda wires it (packages/functions/src/config-evaluator.ts).
      const run = await evaluateConfigRuleEvent(
        scheduledEvent({
          itemId: ITEM,
          params: config.rules[ITEM] ?? {},
          resultToken: "TESTMODE",
          ruleName: `readiness-${ITEM}`,
        }),
        { config: configService, collect: liveCollector(clients), probeRoles: simulatingRoleProber(clients.iam) },
      );
      const item = report.items[0]!;
      const nameOf = (id: string): string => logical.get(id) ?? `?${id}`;
      const withoutName = (reason: string): string => reason.replace(/^role \S+: /, "");
      decided = {
        item,
        probe: Object.fromEntries(
          item.findings
            .filter((f) => f.kind === "probe")
            .map((f) => [nameOf(f.resource), [f.status, withoutName(f.reason)]]),
        ),
        config: Object.fromEntries(
          run.evaluations
            .filter((e) => e.resourceType === "AWS::IAM::Role")
            .map((e) => [
              byConfigKey.get(`${e.resourceType}|${e.resourceId}`) ?? `?${e.resourceId}`,
              [e.compliance, e.annotation],
            ]),
        ),
      };
    } finally {
      destroyLiveClients(clients);
      configService.destroy();
    }
  });
  return () => {
    if (!decided) throw new Error("the platform was not provisioned and decided (see the beforeAll error)");
    return decided;
  };
};

const TASK_ROLES = ["ApiTaskRole", "DlqProcessorTaskRole", "WorkerTaskRole"];
const MUST_DENY = "iam:*, sts:AssumeRole, s3:DeleteBucket, dynamodb:DeleteTable, sqs:DeleteQueue";

describe("iam-least-privilege on the COMPLIANT example platform, emulator with SimulatePrincipalPolicy", () => {
  const decided = decideVariant("compliant");

  it("readiness check --live passes the item: every task role is denied every must-deny action", () => {
    const { item, probe } = decided();
    expect(item.status).toBe("pass");
    expect(item.parts).toEqual([
      { kind: "config", status: "pass", reason: "3 resources pass" },
      {
        kind: "probe",
        status: "pass",
        reason: "3 task roles deny the must-deny actions and allow the must-allow actions",
      },
    ]);
    expect(probe).toEqual(
      Object.fromEntries(TASK_ROLES.map((role) => [role, ["pass", "denies all 5 must-deny actions"]])),
    );
  });

  it("the Config evaluator posts every task role COMPLIANT (the execution role is no task role)", () => {
    const { config } = decided();
    expect(Object.fromEntries(Object.entries(config).map(([role, [compliance]]) => [role, compliance]))).toEqual({
      ...Object.fromEntries(TASK_ROLES.map((role) => [role, "COMPLIANT"])),
      TaskExecutionRole: "NOT_APPLICABLE",
    });
    for (const role of TASK_ROLES) expect(config[role]?.[1]).toContain("denies all 5 must-deny actions");
  });
});

describe("iam-least-privilege on the BROKEN example platform, emulator with SimulatePrincipalPolicy", () => {
  const decided = decideVariant("broken");

  it("readiness check --live fails the probe for the roles whose policies allow everything, naming the allowed actions", () => {
    const { item, probe } = decided();
    expect(item.status).toBe("fail");
    expect(item.parts.find((p) => p.kind === "probe")).toEqual({
      kind: "probe",
      status: "fail",
      reason: "2 of 3 task roles fail SimulatePrincipalPolicy",
    });
    expect(probe).toEqual({
      ApiTaskRole: ["pass", "denies all 5 must-deny actions"],
      DlqProcessorTaskRole: ["fail", `allows ${MUST_DENY} (must deny)`],
      WorkerTaskRole: ["fail", `allows ${MUST_DENY} (must deny)`],
    });
  });

  it("the Config evaluator posts those roles NON_COMPLIANT for what the simulation allows", () => {
    const { config } = decided();
    expect(Object.fromEntries(Object.entries(config).map(([role, [compliance]]) => [role, compliance]))).toEqual({
      ApiTaskRole: "COMPLIANT",
      DlqProcessorTaskRole: "NON_COMPLIANT",
      WorkerTaskRole: "NON_COMPLIANT",
      TaskExecutionRole: "NOT_APPLICABLE",
    });
    expect(config.DlqProcessorTaskRole?.[1]).toContain(`allows ${MUST_DENY} (must deny)`);
    expect(config.WorkerTaskRole?.[1]).toContain(`allows ${MUST_DENY} (must deny)`);
  });
});
