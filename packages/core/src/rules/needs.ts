import type { ConfigRule } from "./rule";

/** Every resource type these rules evaluate or read: what live collection and Config scope must cover. */
export const typesUsedBy = (rules: readonly ConfigRule[]): string[] =>
  [...new Set(rules.flatMap((r) => [...r.resourceTypes, ...r.readsTypes]))].sort();

/** The IAM actions live evaluation of these rules needs (the evaluator's policy is derived from it). */
export const liveActionsOfRules = (rules: readonly ConfigRule[]): string[] =>
  [...new Set(rules.flatMap((r) => r.liveActions))].sort();
