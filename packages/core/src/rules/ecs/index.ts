import type { ConfigRule } from "../rule";

/** Rules whose subject resources are ecs resources. */
export const ecsRules: readonly ConfigRule[] = [];
