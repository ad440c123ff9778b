import type { ConfigRule } from "../rule";
import { logRetention } from "./log-retention";
import { logRetentionTaskDefinitions } from "./log-retention-task-definitions";

/** Rules whose subject resources are CloudWatch Logs groups (and the task definitions that create them). */
export const logsRules: readonly ConfigRule[] = [logRetention, logRetentionTaskDefinitions] as readonly ConfigRule[];
