/**
 * The SST app's stacks, synthesized offline with SST's own constructs. One file on purpose: SST
 * keeps project state in the process and rewrites .sst/types on every App, so synths run one
 * after another here rather than in parallel test files.
 */
import { resolve } from "node:path";
import { CHECKLIST, defaultParams, type ItemId, liveActionsOf, RULES, rulesForItem } from "@readiness/core";
import {
  encodeInputParameters,
  probeActions,
  RESULTS_TABLE_ACTIONS,
  SCOPE_DISCOVERY_ACTIONS,
} from "@readiness/core/checklist/iam/index";
import { EVALUATIONS_INDEX } from "@readiness/core/kernel/results/evaluations";
import { Stack } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { ResourceType } from "aws-cdk-lib/aws-config";
import { App } from "sst/constructs";
import { initProject } from "sst/project.js";
import { load } from "sst/stacks/build.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVALUATOR_DLQ_PROCESSOR_HANDLER, EVALUATOR_HANDLER, Rules } from "../../stacks/Rules";
import {
  IDEMPOTENCY_KEY,
  IDEMPOTENCY_TTL_ATTRIBUTE,
  RESULTS_INDEXES,
  RESULTS_TTL_ATTRIBUTE,
  Storage,
} from "../../stacks/Storage";
import { lintTemplates } from "./cfn-lint";
import { synthesize, TEST_ACCOUNT } from "./synth";
import {
  asList,
  type CfnResource,
  functionsOf,
  hasLogRetention,
  iamStatementsOf,
  LOG_RETENTION_PROVIDER,
  references,
  resourcesOf,
} from "./template-queries";

/**
 * Actions allowed on Resource "*" that the rules do not declare, each because AWS offers no
 * resource-level permission for it: Config's PutEvaluations and GetResourceConfigHistory, X-Ray's
 * trace upload (tracing is active), and the retention calls of CDK's log-retention function.
 */
const ALLOWED_ON_ANY_RESOURCE = [
  "config:PutEvaluations",
  "config:GetResourceConfigHistory",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
];

const recordedTypes = new Set(
  Object.values(ResourceType)
    .filter((value): value is ResourceType => value instanceof ResourceType)
    .map((type) => type.complianceResourceType),
);

/** The functions the Rules stack declares, by handler. */
const RULES_HANDLERS = [EVALUATOR_HANDLER, EVALUATOR_DLQ_PROCESSOR_HANDLER];

/** The change scope the test expects, computed here from the registry independently of the stack. */
const expectedChangeTypes = (id: ItemId): string[] =>
  [...new Set(rulesForItem(id).flatMap((rule) => rule.resourceTypes))].filter((type) => recordedTypes.has(type)).sort();

/** The evaluator: the config-evaluator function (the DLQ processor is given the results table's name too). */
const evaluatorOf = (template: Template): [string, CfnResource] => {
  const found = resourcesOf(template, "AWS::Lambda::Function").filter(
    ([, fn]) =>
      String(JSON.stringify(fn.Properties?.Environment)).includes("RESULTS_TABLE_NAME") &&
      String(fn.Properties?.Handler).endsWith("config-evaluator.handler"),
  );
  expect(found).toHaveLength(1);
  return found[0];
};

interface ConfigRuleProperties {
  ConfigRuleName: string;
  InputParameters: Record<string, unknown>;
  MaximumExecutionFrequency?: string;
  Scope?: { ComplianceResourceTypes?: string[] };
  Source: {
    Owner: string;
    SourceIdentifier: unknown;
    SourceDetails: { MessageType: string; MaximumExecutionFrequency?: string }[];
  };
}

type TableProperties = {
  KeySchema: { AttributeName: string; KeyType: string }[];
  BillingMode?: string;
  PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled?: boolean };
  TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean };
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }[];
  DeletionProtectionEnabled?: boolean;
};
type TableResource = { Properties: TableProperties; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const tablesOf = (template: Template): TableResource[] =>
  Object.values(template.findResources("AWS::DynamoDB::Table")) as TableResource[];

const tableKeyedBy = (template: Template, partitionKey: string): TableResource => {
  const table = tablesOf(template).find((t) => t.Properties.KeySchema[0].AttributeName === partitionKey);
  if (!table) throw new Error(`no table with partition key ${partitionKey}`);
  return table;
};

describe("Storage stack, prod stage", () => {
  let template: Template;
  beforeAll(async () => {
    template = (await synthesize("prod", [Storage])).get(Storage)!;
  });

  it("Compliance: the results and idempotency tables are on-demand with PITR and TTL", () => {
    expect(tablesOf(template)).toHaveLength(2);
    for (const table of tablesOf(template)) {
      expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled).toBe(true);
      expect(table.Properties.TimeToLiveSpecification?.Enabled).toBe(true);
    }
  });

  it("Compliance: the results table has pk/sk, expiresAt TTL and both access-pattern indexes", () => {
    const results = tableKeyedBy(template, "pk");
    expect(results.Properties.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(results.Properties.TimeToLiveSpecification?.AttributeName).toBe(RESULTS_TTL_ATTRIBUTE);
    const indexes = Object.values(RESULTS_INDEXES).map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
    }));
    expect(results.Properties.GlobalSecondaryIndexes).toEqual(indexes.map((index) => expect.objectContaining(index)));
  });

  it("Compliance: the index the results store queries exists with the keys it writes (gsi1: gsi1pk/gsi1sk)", () => {
    const results = tableKeyedBy(template, "pk");
    expect(results.Properties.GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({
        IndexName: EVALUATIONS_INDEX,
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      }),
    );
  });

  it("Compliance: the idempotency table has Powertools' layout (id, expiration)", () => {
    const idempotency = tableKeyedBy(template, IDEMPOTENCY_KEY);
    expect(idempotency.Properties.KeySchema).toEqual([{ AttributeName: "id", KeyType: "HASH" }]);
    expect(idempotency.Properties.TimeToLiveSpecification?.AttributeName).toBe(IDEMPOTENCY_TTL_ATTRIBUTE);
  });

  it("Compliance: prod tables are retained and deletion-protected", () => {
    for (const table of tablesOf(template)) {
      expect(table.DeletionPolicy).toBe("Retain");
      expect(table.UpdateReplacePolicy).toBe("Retain");
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    }
  });
});

describe("Rules stack (stage test)", () => {
  let rules: Template;
  let storage: Template;
  const previousConfig = process.env.READINESS_CONFIG;

  beforeAll(async () => {
    process.env.READINESS_CONFIG = resolve(import.meta.dirname, "fixtures/readiness.yml");
    const templates = await synthesize("test", [Storage, Rules]);
    rules = templates.get(Rules)!;
    storage = templates.get(Storage)!;
  });
  afterAll(() => {
    if (previousConfig === undefined) delete process.env.READINESS_CONFIG;
    else process.env.READINESS_CONFIG = previousConfig;
  });

  const configRules = (): Map<string, ConfigRuleProperties> =>
    new Map(
      resourcesOf(rules, "AWS::Config::ConfigRule").map(([, rule]) => {
        const properties = rule.Properties as unknown as ConfigRuleProperties;
        return [String(properties.InputParameters.itemId), properties];
      }),
    );

  describe("Config rules", () => {
    it("Compliance: exactly one custom rule per checklist item, named readiness-<item id>", () => {
      expect(resourcesOf(rules, "AWS::Config::ConfigRule")).toHaveLength(CHECKLIST.length);
      expect(CHECKLIST.length).toBeGreaterThan(0);
      const byItem = configRules();
      for (const item of CHECKLIST) {
        expect(byItem.get(item.id)?.ConfigRuleName).toBe(`readiness-${item.id}`);
        expect(byItem.get(item.id)?.Source.Owner).toBe("CUSTOM_LAMBDA");
      }
    });

    it("Compliance: each rule is change-triggered on its rules' recorded types, and periodic (24 h) when it has none or is a config item", () => {
      const byItem = configRules();
      for (const item of CHECKLIST) {
        const rule = byItem.get(item.id)!;
        const messages = rule.Source.SourceDetails.map((detail) => detail.MessageType);
        const changeTypes = expectedChangeTypes(item.id);
        if (changeTypes.length > 0) {
          expect(rule.Scope?.ComplianceResourceTypes, item.id).toEqual(changeTypes);
          expect(messages, item.id).toContain("ConfigurationItemChangeNotification");
          expect(messages, item.id).toContain("OversizedConfigurationItemChangeNotification");
        } else {
          expect(rule.Scope, item.id).toBeUndefined();
          expect(messages, item.id).not.toContain("ConfigurationItemChangeNotification");
        }
        const periodic = changeTypes.length === 0 || item.kinds.includes("config");
        const scheduled = rule.Source.SourceDetails.find((detail) => detail.MessageType === "ScheduledNotification");
        if (periodic) {
          expect(scheduled?.MaximumExecutionFrequency, item.id).toBe("TwentyFour_Hours");
          expect(rule.MaximumExecutionFrequency, item.id).toBe("TwentyFour_Hours");
        } else expect(scheduled, item.id).toBeUndefined();
      }
    });

    it("Compliance: known anchors: dlq-coverage watches queues and runs nightly; slo-defined is nightly only", () => {
      const byItem = configRules();
      expect(byItem.get("dlq-coverage")?.Scope?.ComplianceResourceTypes).toEqual(["AWS::SQS::Queue"]);
      expect(
        byItem
          .get("dlq-coverage")
          ?.Source.SourceDetails.map((d) => d.MessageType)
          .sort(),
      ).toEqual([
        "ConfigurationItemChangeNotification",
        "OversizedConfigurationItemChangeNotification",
        "ScheduledNotification",
      ]);
      expect(byItem.get("slo-defined")?.Source.SourceDetails.map((d) => d.MessageType)).toEqual([
        "ScheduledNotification",
      ]);
    });

    it("Compliance: input parameters are the item id plus its parameters as strings, readiness.yml overriding defaults", () => {
      const byItem = configRules();
      for (const item of CHECKLIST) {
        const parameters = byItem.get(item.id)!.InputParameters;
        for (const value of Object.values(parameters)) expect(typeof value).toBe("string");
        if (item.id === "log-retention") continue;
        expect(parameters, item.id).toEqual(
          encodeInputParameters(item.id, defaultParams(item.id) as Record<string, unknown>),
        );
      }
      expect(byItem.get("log-retention")?.InputParameters).toEqual({ itemId: "log-retention", minRetentionDays: "90" });
    });

    it("Compliance: every rule invokes the evaluator, and Config may invoke it before the rules are created", () => {
      const [evaluatorId] = evaluatorOf(rules);
      expect(configRules().size).toBe(CHECKLIST.length);
      for (const rule of configRules().values())
        expect(references(rule.Source.SourceIdentifier, evaluatorId)).toBe(true);
      const permissions = resourcesOf(rules, "AWS::Lambda::Permission").filter(
        ([, p]) => p.Properties?.Principal === "config.amazonaws.com",
      );
      expect(permissions).toHaveLength(1);
      expect(references(permissions[0][1].Properties?.FunctionName, evaluatorId)).toBe(true);
      expect(permissions[0][1].Properties?.SourceAccount).toBeDefined();
      for (const [, rule] of resourcesOf(rules, "AWS::Config::ConfigRule"))
        expect((rule as CfnResource & { DependsOn?: string[] }).DependsOn).toContain(permissions[0][0]);
    });
  });

  describe("IAM", () => {
    it("Noncompliance guard: no statement grants Action * or service:*", () => {
      const actions = [rules, storage].flatMap((template) =>
        iamStatementsOf(template).flatMap(({ owner, statement }) =>
          asList(statement.Action).map((a) => `${owner}: ${a}`),
        ),
      );
      // Every function's role has statements (the evaluator's LiveReads among them).
      expect(actions.some((a) => a.endsWith(": iam:SimulatePrincipalPolicy"))).toBe(true);
      expect(actions.filter((a) => /: (\*|[a-z0-9-]+:\*)$/.test(a))).toEqual([]);
    });

    it("Compliance: Resource * only for the rules' declared reads, their probes, service discovery, and the listed AWS-required exceptions", () => {
      const allowed = new Set([
        ...liveActionsOf(RULES),
        ...probeActions(RULES, CHECKLIST),
        ...SCOPE_DISCOVERY_ACTIONS,
        ...ALLOWED_ON_ANY_RESOURCE,
      ]);
      const onAnyResource = [rules, storage].flatMap((template) =>
        iamStatementsOf(template)
          .filter(({ statement }) => asList(statement.Resource).includes("*"))
          .flatMap(({ owner, statement }) => asList(statement.Action).map((action) => ({ owner, action }))),
      );
      // The evaluator's reads are on "*" (AWS offers no resource-level permission for most).
      expect(onAnyResource.some(({ action }) => liveActionsOf(RULES).includes(action))).toBe(true);
      expect(
        onAnyResource.filter(({ action }) => !allowed.has(action)).map((a) => `${a.owner}: ${a.action} on *`),
      ).toEqual([]);
    });

    it("Compliance: the evaluator's reads are exactly the rules' declared live actions, their probes and service discovery", () => {
      const reads = iamStatementsOf(rules).find(({ statement }) => statement.Sid === "LiveReads");
      expect(asList(reads?.statement.Action).sort()).toEqual(
        [...new Set([...liveActionsOf(RULES), ...probeActions(RULES, CHECKLIST), ...SCOPE_DISCOVERY_ACTIONS])].sort(),
      );
      expect(asList(reads?.statement.Action)).toContain("iam:SimulatePrincipalPolicy");
      // trace-id-in-logs has no configuration rule; its probe is deployed with its Config rule all the same.
      expect(asList(reads?.statement.Action)).toContain("logs:FilterLogEvents");
    });

    it("Compliance: DynamoDB access is item-level and on the results table (and its indexes) only", () => {
      const itemActions = new Set<string>(RESULTS_TABLE_ACTIONS);
      const dynamo = iamStatementsOf(rules).filter(({ statement }) =>
        asList(statement.Action).some((a) => itemActions.has(a)),
      );
      // The evaluator's, and the DLQ processor's PutItem (pinned in rules-dlq.test.ts).
      expect(dynamo.map(({ statement }) => statement.Sid).sort()).toEqual([
        "RecordEvaluatorDeadLetters",
        "ResultsTable",
      ]);
      const evaluator = dynamo.find(({ statement }) => statement.Sid === "ResultsTable");
      expect(asList(evaluator?.statement.Resource)).toHaveLength(2);
      for (const resource of dynamo.flatMap(({ statement }) => asList(statement.Resource))) {
        expect(JSON.stringify(resource)).toMatch(/ResultsTable/);
        expect(JSON.stringify(resource)).not.toMatch(/Idempotency/);
      }
    });

    it("Compliance: the evaluator's role carries no managed policy beyond basic execution (no AWSConfigRulesExecutionRole)", () => {
      const managed = resourcesOf(rules, "AWS::IAM::Role").flatMap(([, role]) =>
        asList(role.Properties?.ManagedPolicyArns as unknown[]).map((arn) => JSON.stringify(arn)),
      );
      // Every function's role has basic execution (logs): the list is never empty.
      expect(managed.length).toBeGreaterThanOrEqual(RULES_HANDLERS.length);
      for (const arn of managed) expect(arn).toMatch(/service-role\/AWSLambdaBasicExecutionRole/);
    });
  });

  describe("Lambda and SQS", () => {
    /** Each template with the handlers its stack declares (functionsOf fails on a template without them). */
    const withHandlers = (): [Template, readonly string[]][] => [
      [rules, RULES_HANDLERS],
      [storage, []],
    ];

    it("Compliance: every function runs nodejs22.x or nodejs24.x", () => {
      for (const [template, handlers] of withHandlers())
        for (const [id, fn] of functionsOf(template, handlers))
          expect(fn.Properties?.Runtime, id).toMatch(/^nodejs(22|24)\.x$/);
    });

    it("Compliance: every function's logs have a retention", () => {
      for (const [template, handlers] of withHandlers()) {
        for (const [id, fn] of functionsOf(template, handlers)) {
          if (LOG_RETENTION_PROVIDER.test(id)) continue;
          expect(hasLogRetention(template, id, fn), `${id} has no log retention`).toBe(true);
        }
      }
    });

    it("Compliance: the evaluator is built (arm64, ESM bundle, active tracing) with its environment", () => {
      const [, evaluator] = evaluatorOf(rules);
      const properties = evaluator.Properties as Record<string, unknown>;
      expect(properties.Architectures).toEqual(["arm64"]);
      expect(properties.TracingConfig).toEqual({ Mode: "Active" });
      expect(properties.Handler).toMatch(/config-evaluator\.handler$/);
      expect((properties.Code as { S3Key?: string }).S3Key).toMatch(/\.zip$/);
      const variables = (properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe("config-evaluator");
      expect(variables.RESULTS_TABLE_NAME).toBeDefined();
    });

    it("Compliance: every queue has a redrive policy or is a dead-letter queue, and every DLQ's depth is alarmed", () => {
      const queues = resourcesOf(rules, "AWS::SQS::Queue");
      expect(queues.length).toBeGreaterThan(0);
      const functions = resourcesOf(rules, "AWS::Lambda::Function");
      const alarms = resourcesOf(rules, "AWS::CloudWatch::Alarm");
      for (const [id, queue] of queues) {
        const isFunctionDlq = functions.some(([, fn]) => references(fn.Properties?.DeadLetterConfig, id));
        const isQueueDlq = queues.some(([, other]) => references(other.Properties?.RedrivePolicy, id));
        const hasRedrive = queue.Properties?.RedrivePolicy !== undefined;
        expect(hasRedrive || isFunctionDlq || isQueueDlq, `${id} has no redrive policy and is no DLQ`).toBe(true);
        if (!isFunctionDlq && !isQueueDlq) continue;
        const alarmed = alarms.some(
          ([, alarm]) =>
            alarm.Properties?.MetricName === "ApproximateNumberOfMessagesVisible" &&
            references(alarm.Properties?.Dimensions, id),
        );
        expect(alarmed, `${id} depth has no alarm`).toBe(true);
      }
    });

    it("Compliance: the evaluator's async invocations go to the DLQ after retries", () => {
      const configs = resourcesOf(rules, "AWS::Lambda::EventInvokeConfig");
      expect(configs).toHaveLength(1);
      expect(configs[0][1].Properties?.MaximumRetryAttempts).toBe(2);
    });
  });

  describe("Storage at an ephemeral stage", () => {
    it("Compliance: tables keep PITR and TTL, and are removable", () => {
      const tables = resourcesOf(storage, "AWS::DynamoDB::Table");
      expect(tables).toHaveLength(2);
      for (const [, table] of tables) {
        expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
        expect(table.Properties?.TimeToLiveSpecification).toMatchObject({ Enabled: true });
        expect(table.DeletionPolicy).toBe("Delete");
      }
    });
  });

  describe("cfn-lint", () => {
    it("Compliance: both synthesized templates pass cfn-lint without errors or warnings (W3005 aside)", () => {
      const { output, status } = lintTemplates({ storage, rules });
      expect(output).toBe("");
      expect(status).toBe(0);
    });
  });
});

describe("sst.config.ts, loaded the way the SST CLI loads it", () => {
  let config: { name: string; region: string };
  let stackNames: string[];
  let rulesDependencies: string[];
  let gateDependencies: string[];
  let scheduleDependencies: string[];

  beforeAll(async () => {
    await initProject({ stage: "test" });
    // Bundled with esbuild and imported (not shallow): this is the code `sst deploy` runs.
    const [, sstConfig] = (await load(resolve(import.meta.dirname, "../../sst.config.ts"), false)) as [
      unknown,
      { config(input: object): { name: string; region: string }; stacks(app: App): void },
    ];
    config = sstConfig.config({});
    const app = new App({ mode: "deploy", stage: "test", ...config, account: TEST_ACCOUNT });
    sstConfig.stacks(app);
    await app.finish();
    const stacks = app.node.children.filter((child): child is Stack => child instanceof Stack);
    stackNames = stacks.map((stack) => stack.stackName);
    const rulesStack = stacks.find((stack) => stack.stackName.endsWith("-Rules"));
    rulesDependencies = rulesStack?.dependencies.map((stack) => stack.stackName) ?? [];
    const gateStack = stacks.find((stack) => stack.stackName.endsWith("-Gate"));
    gateDependencies = gateStack?.dependencies.map((stack) => stack.stackName) ?? [];
    const scheduleStack = stacks.find((stack) => stack.stackName.endsWith("-Schedule"));
    scheduleDependencies = scheduleStack?.dependencies.map((stack) => stack.stackName).sort() ?? [];
  });

  it("Compliance: the app is named readiness and deploys to us-east-1 unless AWS_REGION says otherwise", () => {
    expect(config.name).toBe("readiness");
    expect(config.region).toBe(process.env.AWS_REGION || "us-east-1");
  });

  it("Compliance: the stacks are Storage, Rules, Gate then Schedule, stage-prefixed; Rules depends on Storage, Gate and Schedule on Rules", () => {
    expect(stackNames).toEqual([
      "test-readiness-Storage",
      "test-readiness-Rules",
      "test-readiness-Gate",
      "test-readiness-Schedule",
    ]);
    expect(rulesDependencies).toEqual(["test-readiness-Storage"]);
    // Storage comes through Rules: CDK records the direct dependency only.
    expect(gateDependencies).toEqual(["test-readiness-Rules"]);
    // Storage comes through Rules here too (Schedule names Rules explicitly so it deploys after the rules).
    expect(scheduleDependencies).toEqual(["test-readiness-Rules"]);
  });
});
