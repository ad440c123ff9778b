import type { ConfigRule } from "../rule";

/** Rules whose subject resources are iam resources. */
export const iamRules: readonly ConfigRule[] = [];
