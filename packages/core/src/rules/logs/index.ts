import type { ConfigRule } from "../rule";

/** Rules whose subject resources are logs resources. */
export const logsRules: readonly ConfigRule[] = [];
