import type { ConfigRule } from "../rule";

/** Rules whose subject resources are sqs resources. */
export const sqsRules: readonly ConfigRule[] = [];
