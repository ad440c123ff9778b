import type { ConfigRule } from "../rule";

/** Rules whose subject resources are dynamodb resources. */
export const dynamodbRules: readonly ConfigRule[] = [];
