import type { ConfigRule } from "../rule";

/** Rules whose subject resources are elbv2 resources. */
export const elbv2Rules: readonly ConfigRule[] = [];
