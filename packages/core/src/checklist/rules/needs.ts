import { liveActionsForTypes } from "../adapters/live/collectors";
import type { ConfigRule } from "./rule";

/** Every resource type these rules evaluate or read: what live collection and Config scope must cover. */
export const typesUsedBy = (rules: readonly ConfigRule[]): string[] =>
  [...new Set(rules.flatMap((r) => [...r.resourceTypes, ...r.readsTypes]))].sort();

/**
 * The IAM actions live evaluation of these rules needs: what the collectors of the types they use
 * call (checklist/adapters/live/collectors.ts). Rules declare types, not actions: the collector that reads a
 * type is the one place that knows which calls it takes.
 */
export const liveActionsOfRules = (rules: readonly ConfigRule[]): string[] => liveActionsForTypes(typesUsedBy(rules));
