import type { ConfigRule } from "../rule";

/** Rules whose subject resources are network resources. */
export const networkRules: readonly ConfigRule[] = [];
