import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { RULES } from "@readiness/core";
import { evaluatorPolicyStatements } from "@readiness/core/iam/index";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { EVALUATOR_HANDLER } from "../../stacks/Rules";

const ROOT = resolve(import.meta.dirname, "../..");

/** IAM service prefix of each SDK package the repository uses. */
const IAM_PREFIX: Record<string, string> = {
  "@aws-sdk/client-application-auto-scaling": "application-autoscaling",
  "@aws-sdk/client-cloudformation": "cloudformation",
  "@aws-sdk/client-cloudwatch": "cloudwatch",
  "@aws-sdk/client-cloudwatch-logs": "logs",
  "@aws-sdk/client-config-service": "config",
  "@aws-sdk/client-dynamodb": "dynamodb",
  "@aws-sdk/client-ec2": "ec2",
  "@aws-sdk/client-ecr": "ecr",
  "@aws-sdk/client-ecs": "ecs",
  "@aws-sdk/client-elastic-load-balancing-v2": "elasticloadbalancing",
  "@aws-sdk/client-eventbridge": "events",
  "@aws-sdk/client-iam": "iam",
  "@aws-sdk/client-lambda": "lambda",
  "@aws-sdk/client-secrets-manager": "secretsmanager",
  "@aws-sdk/client-sqs": "sqs",
  "@aws-sdk/client-sts": "sts",
  "@aws-sdk/lib-dynamodb": "dynamodb",
};

/** lib-dynamodb's document commands and the DynamoDB API (IAM action) each one calls. */
const DOCUMENT_COMMAND_ACTION: Record<string, string> = {
  BatchGetCommand: "BatchGetItem",
  BatchWriteCommand: "BatchWriteItem",
  DeleteCommand: "DeleteItem",
  GetCommand: "GetItem",
  PutCommand: "PutItem",
  QueryCommand: "Query",
  ScanCommand: "Scan",
  TransactGetCommand: "TransactGetItems",
  TransactWriteCommand: "TransactWriteItems",
  UpdateCommand: "UpdateItem",
};

/** Repository source files compiled into the evaluator's bundle. */
const evaluatorSources = async (): Promise<string[]> => {
  const entry = join(ROOT, `${EVALUATOR_HANDLER.slice(0, EVALUATOR_HANDLER.lastIndexOf("."))}.ts`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    external: ["@aws-sdk/*"],
    logLevel: "silent",
    absWorkingDir: ROOT,
  });
  return Object.keys(result.metafile.inputs).filter((file) => file.startsWith("packages/"));
};

/**
 * The IAM actions of the SDK calls in a source file: each `XCommand` or `paginateX` it uses,
 * attributed to whichever of the file's imported SDK packages exports it.
 */
const actionsCalledIn = async (file: string): Promise<{ action: string; file: string }[]> => {
  const source = readFileSync(join(ROOT, file), "utf8");
  const packages = [...source.matchAll(/from "(@aws-sdk\/[a-z0-9-]+)"/g)].map((m) => m[1]);
  if (packages.length === 0) return [];
  const names = new Set([...source.matchAll(/\b(paginate[A-Z]\w+|[A-Z]\w+Command)\b/g)].map((m) => m[1]));
  const found: { action: string; file: string }[] = [];
  for (const pkg of packages) {
    const exported = (await import(pkg)) as Record<string, unknown>;
    const prefix = IAM_PREFIX[pkg];
    if (!prefix) throw new Error(`${file} imports ${pkg}: add its IAM prefix to IAM_PREFIX`);
    for (const name of names) {
      if (!(name in exported)) continue;
      const operation =
        pkg === "@aws-sdk/lib-dynamodb"
          ? DOCUMENT_COMMAND_ACTION[name]
          : name.startsWith("paginate")
            ? name.slice("paginate".length)
            : name.slice(0, -"Command".length);
      if (operation) found.push({ action: `${prefix}:${operation}`, file });
    }
  }
  return found;
};

describe("the evaluator's IAM policy covers its SDK calls", () => {
  it("Compliance: every SDK call compiled into the evaluator is allowed by the derived policy", async () => {
    const granted = new Set(
      evaluatorPolicyStatements(RULES, { resultsTable: "arn:table", configRules: "arn:rules" }).flatMap(
        (s) => s.actions,
      ),
    );
    const calls = (await Promise.all((await evaluatorSources()).map(actionsCalledIn))).flat();
    expect(calls.length).toBeGreaterThan(10);
    const denied = calls
      .filter(({ action }) => !granted.has(action))
      .map(({ action, file }) => `${action} (called in ${file})`)
      .sort();
    // A call listed here gets AccessDenied once deployed: declare it in the liveActions of the
    // rule that needs the data, or take the call out of the evaluator's import graph.
    expect(denied).toEqual([]);
  });
});
