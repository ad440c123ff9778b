import type { ConfigRule } from "../rule";
import { logRetention } from "./log-retention";
import { logRetentionFunctions } from "./log-retention-functions";
import { logRetentionTaskDefinitions } from "./log-retention-task-definitions";

/** Rules whose subject resources are CloudWatch Logs groups (and the task definitions and functions that write to them). */
export const logsRules: readonly ConfigRule[] = [
  logRetention,
  logRetentionTaskDefinitions,
  logRetentionFunctions,
] as readonly ConfigRule[];
