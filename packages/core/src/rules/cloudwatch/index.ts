import type { ConfigRule } from "../rule";

/** Rules whose subject resources are cloudwatch resources. */
export const cloudwatchRules: readonly ConfigRule[] = [];
