import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
// Not the live adapter's index: it imports every collector, and with them every SDK package.
import { createLiveClients, type LiveClients } from "../../checklist/adapters/live/clients";
import { type ClientWrapper, sdkClientConfig, unwrapped } from "../../kernel/sdk-clients";
import type { NightlySettings } from "./settings";

export type { ClientWrapper } from "../../kernel/sdk-clients";

/** Every SDK client the nightly function uses, created in this one place. */
export interface NightlyClients {
  /** The live collectors' clients (each SDK package loads on first use) and the IAM policy simulator. */
  readonly live: LiveClients;
  /** The results table: snapshots and the gate's smoke runs. */
  readonly dynamodb: DynamoDBClient;
  /** The status-change events. */
  readonly events: EventBridgeClient;
}

export const createNightlyClients = (settings: NightlySettings, wrap: ClientWrapper = unwrapped): NightlyClients => {
  const config = sdkClientConfig(settings);
  return {
    live: createLiveClients({ region: settings.region, endpoint: settings.endpoint, wrapClient: wrap }),
    dynamodb: wrap(new DynamoDBClient(config)),
    events: wrap(new EventBridgeClient(config)),
  };
};
