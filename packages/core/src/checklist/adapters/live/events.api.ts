import type { Api } from "./run";

export const EVENTS_RULE = "AWS::Events::Rule";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listEventBuses: { action: "events:ListEventBuses", types: [EVENTS_RULE] },
  listRules: { action: "events:ListRules", types: [EVENTS_RULE] },
  listTargetsByRule: { action: "events:ListTargetsByRule", types: [EVENTS_RULE] },
} satisfies Record<string, Api>;
