import * as z from "../validation/zod";
import type { ItemDeclaration } from "./item";
import { logRetention } from "../rules/logs/log-retention";
import { logRetentionFunctions } from "../rules/logs/log-retention-functions";
import { logRetentionTaskDefinitions } from "../rules/logs/log-retention-task-definitions";

const params = z.strictObject({
  /** Retention shorter than this is too short for incident forensics. */
  minRetentionDays: z._default(z.int().check(z.positive()), 7),
});

/** Log retention: CloudWatch log group retention set (not unlimited) */
export const logRetentionItem: ItemDeclaration<"log-retention", typeof params> = {
  id: "log-retention",
  section: "Operations",
  title: "Log retention: CloudWatch log group retention set (not unlimited)",
  kinds: ["config"],
  severity: "medium",
  decidedBy: "every log group of the services has RetentionInDays set (never-expire is not compliant)",
  remediation:
    "Set `RetentionInDays` on every log group the services write to (e.g. 30); never leave it unset (never expire).",
  needs: {},
  params,
  rules: [logRetention, logRetentionTaskDefinitions, logRetentionFunctions],
};
