import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { logRetention } from "../rules/logs/log-retention";
import { logRetentionFunctions } from "../rules/logs/log-retention-functions";
import { logRetentionTaskDefinitions } from "../rules/logs/log-retention-task-definitions";

const params = z.strictObject({
  /** Retention shorter than this is too short for incident forensics. */
  minRetentionDays: z
    ._default(z.int().check(z.positive()), 7)
    .check(z.describe("shortest acceptable retention (days)")),
});

/** Log retention: CloudWatch log group retention set (not unlimited) */
export const logRetentionItem: ItemDeclaration<"log-retention", typeof params> = declareItem({
  id: "log-retention",
  section: "Operations",
  title: "Log retention: CloudWatch log group retention set (not unlimited)",
  severity: "medium",
  decidedBy:
    "every log group of the services has `retentionInDays` set (never-expire is NOT compliant); so has every Lambda function's group (`LoggingConfig.LogGroup`, else `/aws/lambda/<name>`), set by a log group resource, a `Custom::LogRetention` (CDK's and SST's `logRetention`) or the live group; a function with none of these never expires and fails",
  remediation:
    "Set `RetentionInDays` on every log group the services write to (e.g. 30); never leave it unset (never expire).",
  params,
  rules: [logRetention, logRetentionTaskDefinitions, logRetentionFunctions],
});
