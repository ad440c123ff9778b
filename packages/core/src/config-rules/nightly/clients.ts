import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
// Not the live adapter's index: it imports every collector, and with them every SDK package.
import { createLiveClients, type LiveClients } from "../../checklist/adapters/live/clients";
import type { NightlySettings } from "./settings";

/** Every SDK client the nightly function uses, created in this one place. */
export interface NightlyClients {
  /** The live collectors' clients (each SDK package loads on first use) and the IAM policy simulator. */
  readonly live: LiveClients;
  /** The results table: snapshots and the gate's smoke runs. */
  readonly dynamodb: DynamoDBClient;
  /** The status-change events. */
  readonly events: EventBridgeClient;
}

export type ClientWrapper = <T>(client: T) => T;

/**
 * The injected clients (a test's, pointed at the emulator), or the function's own, created at the
 * first invocation and reused while the container is warm.
 */
export const lazyNightlyClients = (
  settings: NightlySettings,
  wrap: ClientWrapper = (c) => c,
  injected?: NightlyClients,
): (() => NightlyClients) => {
  let created: NightlyClients | undefined = injected;
  return () => {
    created ??= createNightlyClients(settings, wrap);
    return created;
  };
};

export const createNightlyClients = (settings: NightlySettings, wrap: ClientWrapper = (c) => c): NightlyClients => {
  const config = { region: settings.region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
  return {
    live: createLiveClients({ region: settings.region, endpoint: settings.endpoint, wrapClient: wrap }),
    dynamodb: wrap(new DynamoDBClient(config)),
    events: wrap(new EventBridgeClient(config)),
  };
};
