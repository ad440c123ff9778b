/*
 * `readiness demo` (the real bin, the full story) gathers every piece of evidence the checklist
 * asks for: the gate's smoke runs, mTLS probe and rollback, the team's documents (readiness
 * publish), a load test at 500 req/s (readiness load), a worker crash and a drain drill (readiness
 * drill), and the service's log lines shipped to its log groups. Then, on the world it keeps up
 * (--keep), every item of the example passes three ways: in the demo's own checklist and its
 * --report file, through `readiness check --live`, and through the Config evaluator's periodic
 * rules (TESTMODE). The same records, read with a clock past their validity, fail with their age.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudFormationClient, paginateListStackResources } from "@aws-sdk/client-cloudformation";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { createLiveClients, destroyLiveClients, type LiveClients } from "@readiness/core/checklist/adapters/live/index";
import { CHECKLIST, type ItemId } from "@readiness/core/checklist/catalogue/items";
import { loadConfig } from "@readiness/core/checklist/config/load";
import {
  evaluateConfigRuleEvent,
  filteringLogSampler,
  gateRunsReader,
  liveCollector,
  publishedDocumentsReader,
  simulatingRoleProber,
} from "@readiness/core/config-rules/index";
import { latestEvidence } from "@readiness/core/kernel/results/evidence";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { CONFIG_SERVICE_VALIDATORS } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { validateBeforeSending } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, readiness, spawnDemo } from "../cli/helpers";
import { scheduledEvent } from "../fixtures/config-events/events";

const DEMO_TIMEOUT_MS = 420_000;
const REGION = "us-east-1";
const RESULTS_TABLE = "readiness-demo-results";
const STACK = "task-platform-compliant";
const PLATFORM_CONFIG = "examples/task-platform/readiness.yml";
/** Past every validity window the example's items use (documents 30 days, evidence its validityDays). */
const NEXT_YEAR = new Date(Date.now() + 400 * 24 * 3600 * 1000);

const scratch = mkdtempSync(join(tmpdir(), "readiness-demo-every-item-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ConfigVerdicts {
  /** Item → its evaluations of the platform's own resources (the stack's, and the ECS services'). */
  readonly platform: ReadonlyMap<ItemId, readonly { resourceId: string; compliance: string; annotation?: string }[]>;
  /** Item → its evaluations of resources the platform does not declare (moto's defaults, the demo's own tables). */
  readonly others: ReadonlyMap<ItemId, readonly { resourceId: string; compliance: string; annotation?: string }[]>;
}

interface Verification {
  readonly live: { code: number; items: { id: string; status: string; summary: string }[]; stderr: string };
  readonly config: ConfigVerdicts;
  readonly stale: ConfigVerdicts;
}

/** The physical ids of what the platform's stack created (ECS services by ARN). */
const platformResourceIds = async (endpoint: string): Promise<Set<string>> => {
  const cloudformation = new CloudFormationClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const iam = new IAMClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const ids = new Set<string>();
  for await (const page of paginateListStackResources({ client: cloudformation }, { StackName: STACK }))
    for (const resource of page.StackResourceSummaries ?? []) {
      if (!resource.PhysicalResourceId) continue;
      ids.add(resource.PhysicalResourceId);
      // Config names a role by its id (AROA…), CloudFormation by its name.
      if (resource.ResourceType === "AWS::IAM::Role") {
        const { Role } = await iam.send(new GetRoleCommand({ RoleName: resource.PhysicalResourceId }));
        if (Role?.RoleId) ids.add(Role.RoleId);
        if (Role?.Arn) ids.add(Role.Arn);
      }
    }
  cloudformation.destroy();
  iam.destroy();
  return ids;
};

/** Every item's periodic Config rule, as the Rules stack deploys them, with the Lambda's readers. */
const evaluateEveryItem = async (
  clients: LiveClients,
  endpoint: string,
  platformIds: ReadonlySet<string>,
  now: Date,
): Promise<ConfigVerdicts> => {
  const readinessConfig = await loadConfig(join(REPO, PLATFORM_CONFIG));
  const results = ResultsTable.on(clients.dynamodb, RESULTS_TABLE);
  // moto accepts what Config refuses (INSUFFICIENT_DATA): each request is checked before it is sent.
  const config = validateBeforeSending(
    new ConfigServiceClient({
      endpoint,
      region: REGION,
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    }),
    CONFIG_SERVICE_VALIDATORS,
  );
  const platform = new Map<ItemId, { resourceId: string; compliance: string; annotation?: string }[]>();
  const others = new Map<ItemId, { resourceId: string; compliance: string; annotation?: string }[]>();
  try {
    for (const item of CHECKLIST) {
      const params = (readinessConfig.rules as Partial<Record<ItemId, Record<string, unknown>>>)[item.id] ?? {};
      const run = await evaluateConfigRuleEvent(
        scheduledEvent({ itemId: item.id, params, resultToken: "TESTMODE", ruleName: `readiness-${item.id}` }),
        {
          config,
          collect: liveCollector(clients),
          probeRoles: simulatingRoleProber(() => clients.iam),
          sampleLogs: filteringLogSampler(() => clients.logs),
          readSmokeRun: gateRunsReader(results),
          readEvidence: (service, itemId) => latestEvidence(results, service, itemId),
          readPublishedDocument: publishedDocumentsReader(results),
          now: () => now,
        },
      );
      for (const evaluation of run.evaluations) {
        const ours = platformIds.has(evaluation.resourceId);
        const into = ours ? platform : others;
        const list = into.get(item.id) ?? [];
        list.push({
          resourceId: evaluation.resourceId,
          compliance: evaluation.compliance,
          annotation: evaluation.annotation,
        });
        into.set(item.id, list);
      }
    }
  } finally {
    config.destroy();
  }
  return { platform, others };
};

/** Against the world the demo keeps up: the live CLI check, and the Config rules now and next year. */
const verify = async (endpoint: string, checkAgain: string): Promise<Verification> => {
  // The command the kept demo prints: its readiness.yml is the gate's (the API's smoke settings).
  const checked = await readiness([...checkAgain.split(" ").slice(1), "--format", "json"]);
  const clients = createLiveClients({ endpoint, region: REGION });
  try {
    const platformIds = await platformResourceIds(endpoint);
    return {
      live: { code: checked.code, items: JSON.parse(checked.stdout || "{}").items ?? [], stderr: checked.stderr },
      config: await evaluateEveryItem(clients, endpoint, platformIds, new Date()),
      stale: await evaluateEveryItem(clients, endpoint, platformIds, NEXT_YEAR),
    };
  } finally {
    destroyLiveClients(clients);
  }
};

const ITEM_IDS = CHECKLIST.map((item) => item.id);

describe("readiness demo, the full story: the example ticks every item", () => {
  it(
    "gathers the evidence itself; every item passes in its checklist and --report, through check --live and through the Config rules; stale records fail",
    async () => {
      const report = join(scratch, "checklist.json");
      let verification: Promise<Verification> | undefined;
      const result = await spawnDemo(["--keep", "--report", report], (stdout, child) => {
        if (verification || !stdout.includes("to stop them: press Ctrl-C")) return;
        const endpoint = /emulator +(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? "";
        const checkAgain = /checklist +(readiness check --live .*)/.exec(stdout)?.[1] ?? "";
        verification = verify(endpoint, checkAgain).finally(() => child.kill("SIGTERM"));
      });
      expect(verification, result.stdout + result.stderr).toBeDefined();
      const verified = await (verification as Promise<Verification>);
      expect(result.code, result.stderr).toBe(0);

      // The story: each piece of evidence gathered with the command a team would run.
      for (const step of [
        /checklist +readiness check --live --endpoint-url http:\/\/127\.0\.0\.1:\d+ --region us-east-1 --config \S+readiness\.yml --results-table readiness-demo-results/,
        /→ \$ readiness publish --template examples\/task-platform\/compliant\.yaml --config examples\/task-service\/readiness\.yml/,
        /→ \$ readiness drill worker-crash --endpoint https:\/\/127\.0\.0\.1:\d+ --cert \S+ --key \S+ --ca \S+ --local-worker-pid \d+/,
        /PASS {2}SIGKILL to pid \d+ with \d+ of \d+ tasks in flight; all \d+ completed exactly once/,
        /→ \$ readiness drill drain /,
        /→ \$ readiness load --endpoint https:\/\/127\.0\.0\.1:\d+ .*--rps 500 /,
        /rate +\d{3}\.\d req\/s achieved: held within ±1%/,
        /✓ \d+ log lines of the three services shipped to their CloudWatch log groups/,
        new RegExp(`✓ checklist evaluated: ${ITEM_IDS.length} passed, 0 failed, 0 unknown of ${ITEM_IDS.length} items`),
      ])
        expect(result.stdout).toMatch(step);

      // --report: the final checklist in the JSON report format, every item passed.
      const written = JSON.parse(readFileSync(report, "utf8"));
      expect(written.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual(
        ITEM_IDS.map((id) => [id, "pass"]),
      );

      // readiness check --live on the same emulator and results table.
      const notPassed = verified.live.items.filter((i) => i.status !== "pass").map((i) => `${i.id}: ${i.summary}`);
      expect(notPassed, verified.live.stderr).toEqual([]);
      expect(verified.live.items.map((i) => i.id)).toEqual(ITEM_IDS);
      expect(verified.live.code).toBe(0);

      // The Config rules: every item finds the platform's resources COMPLIANT, or NOT_APPLICABLE with
      // the reason (a role that is not a task role; a worker, whose smoke runs are the API's); none
      // NON_COMPLIANT, none undecided.
      for (const id of ITEM_IDS) {
        const evaluations = verified.config.platform.get(id) ?? [];
        expect(
          evaluations.filter((e) => e.compliance === "COMPLIANT").length,
          `${id}: no COMPLIANT evaluation of the platform's resources; of others: ${JSON.stringify(verified.config.others.get(id))}`,
        ).toBeGreaterThan(0);
        expect(
          evaluations.filter(
            (e) => e.compliance !== "COMPLIANT" && !(e.compliance === "NOT_APPLICABLE" && e.annotation),
          ),
          `${id}: the platform's resources neither COMPLIANT nor NOT_APPLICABLE with a reason`,
        ).toEqual([]);
      }

      // Next year: every document verdict and every piece of evidence is past its window.
      const staleReasons = (id: ItemId) =>
        (verified.stale.platform.get(id) ?? [])
          .filter((e) => e.compliance === "NON_COMPLIANT")
          .map((e) => e.annotation);
      for (const id of ["load-tested", "failure-injection", "oncall", "slo-defined"] as const)
        expect(staleReasons(id).join("\n"), id).toMatch(/stale/);
    },
    DEMO_TIMEOUT_MS,
  );
});
