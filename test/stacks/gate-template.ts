import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { TEST_ACCOUNT } from "./synth";

const ROOT = resolve(import.meta.dirname, "../..");

const PSEUDO_PARAMETERS: Record<string, string> = {
  "AWS::Partition": "aws",
  "AWS::Region": "us-east-1",
  "AWS::AccountId": TEST_ACCOUNT,
  "AWS::URLSuffix": "amazonaws.com",
};

/**
 * A template value with its intrinsics written out, so ARNs compare as text: pseudo parameters
 * resolved for the test account and region, `Ref:X`, `GetAtt:X.Attr`, `import:<export name>`,
 * and Fn::Join joined.
 */
export const flatten = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(flatten);
  if (!value || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === "string") return PSEUDO_PARAMETERS[object.Ref] ?? `Ref:${object.Ref}`;
  if (Array.isArray(object["Fn::GetAtt"])) return `GetAtt:${(object["Fn::GetAtt"] as string[]).join(".")}`;
  if ("Fn::ImportValue" in object) return `import:${String(flatten(object["Fn::ImportValue"]))}`;
  if (Array.isArray(object["Fn::Join"])) {
    const [separator, parts] = object["Fn::Join"] as [string, unknown[]];
    return parts.map((part) => String(flatten(part))).join(separator);
  }
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, flatten(inner)]));
};

export const arnText = (value: unknown): string => String(flatten(value));

/** IAM service prefix of each SDK package the gate functions may use. */
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
  "@aws-sdk/client-sns": "sns",
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
  UpdateCommand: "UpdateItem",
};

/**
 * DynamoDB has no IAM action for a transaction: it authorizes each item operation in it. So a
 * file's transactions need the actions of the operations it writes into `TransactItems`.
 */
const TRANSACTION_COMMANDS = new Set([
  "TransactWriteCommand",
  "TransactWriteItemsCommand",
  "TransactGetCommand",
  "TransactGetItemsCommand",
]);
const TRANSACTION_ITEM_ACTION: Record<string, string> = {
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  ConditionCheck: "ConditionCheckItem",
  Get: "GetItem",
};

/**
 * Powertools idempotency's DynamoDB persistence layer is a dependency, not repository code, so
 * its calls are listed here (its source: GetItem to read a record, PutItem to claim one,
 * UpdateItem to complete it, DeleteItem to release it after a failure).
 */
const POWERTOOLS_IDEMPOTENCY_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
];

/**
 * The IAM actions of the SDK calls compiled into a function (`packages/functions/src/x.handler`):
 * each `XCommand` or `paginateX` used by a repository file of its bundle, attributed to whichever
 * of the file's imported SDK packages exports it, plus Powertools idempotency's calls when the
 * bundle includes its DynamoDB persistence layer.
 */
export const sdkActionsOf = async (handler: string): Promise<{ action: string; file: string }[]> => {
  const entry = join(ROOT, `${handler.slice(0, handler.lastIndexOf("."))}.ts`);
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
  const inputs = Object.keys(result.metafile.inputs);
  const repositoryFiles = inputs.filter((file) => /(^|\/)packages\//.test(file) && !file.includes("node_modules/"));
  const found = (await Promise.all(repositoryFiles.map(actionsCalledIn))).flat();
  const idempotency = inputs.find((file) =>
    /@aws-lambda-powertools\/idempotency\/.*persistence\/DynamoDBPersistenceLayer/.test(file),
  );
  if (idempotency) found.push(...POWERTOOLS_IDEMPOTENCY_ACTIONS.map((action) => ({ action, file: idempotency })));
  return found;
};

const actionsCalledIn = async (file: string): Promise<{ action: string; file: string }[]> => {
  const source = readFileSync(resolve(ROOT, file), "utf8");
  const packages = [...new Set([...source.matchAll(/from "(@aws-sdk\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
  if (packages.length === 0) return [];
  const names = new Set([...source.matchAll(/\b(paginate[A-Z]\w+|[A-Z]\w+Command)\b/g)].map((m) => m[1]));
  const found: { action: string; file: string }[] = [];
  for (const pkg of packages) {
    const prefix = IAM_PREFIX[pkg];
    if (!prefix) throw new Error(`${file} imports ${pkg}: add its IAM prefix to IAM_PREFIX`);
    const exported = (await import(pkg)) as Record<string, unknown>;
    for (const name of names) {
      if (!(name in exported)) continue;
      if (TRANSACTION_COMMANDS.has(name)) {
        const operations = new Set(
          [...source.matchAll(/\b(Put|Update|Delete|ConditionCheck|Get):\s*\{/g)].map((m) => m[1]),
        );
        for (const operation of operations)
          found.push({ action: `dynamodb:${TRANSACTION_ITEM_ACTION[operation]}`, file });
        continue;
      }
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
