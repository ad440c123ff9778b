import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
// Not the live adapter's index: it imports every collector, and with them every SDK package.
import { createLiveClients, type LiveClients } from "../checklist/adapters/live/clients";
import { collectLiveInventory } from "../checklist/adapters/live/collect";
import type { InventoryCollector } from "./inventory";
import { type ClientWrapper, sdkClientConfig, unwrapped } from "../kernel/sdk-clients";
import type { EvaluatorSettings } from "./settings";

export type { ClientWrapper } from "../kernel/sdk-clients";

/** Every SDK client the Config evaluator uses, created in this one place. */
export interface EvaluatorClients {
  readonly config: ConfigServiceClient;
  readonly documents: DynamoDBDocumentClient;
  readonly live: LiveClients;
}

let current: EvaluatorClients | undefined;

/**
 * The clients, created on first use (not at import, so a test can swap them first) and reused by
 * warm invocations: clients hold connections, never per-invocation state.
 */
export const evaluatorClients = (settings: EvaluatorSettings, wrap: ClientWrapper = unwrapped): EvaluatorClients => {
  current ??= createEvaluatorClients(settings, wrap);
  return current;
};

/** Tests install their own clients (pointed at the emulator, or mocked); undefined restores creation. */
export const useEvaluatorClients = (clients: EvaluatorClients | undefined): void => {
  current = clients;
};

export const createEvaluatorClients = (
  settings: EvaluatorSettings,
  wrap: ClientWrapper = unwrapped,
): EvaluatorClients => {
  const config = sdkClientConfig(settings);
  // Live clients are created, and wrapped, when a collector first uses one (see createLiveClients).
  const live = createLiveClients({ region: settings.region, endpoint: settings.endpoint, wrapClient: wrap });
  return {
    config: wrap(new ConfigServiceClient(config)),
    documents: DynamoDBDocumentClient.from(wrap(new DynamoDBClient(config)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    live,
  };
};

/**
 * The live collectors as the evaluator's inventory source: only those reading the types the item's
 * rules use run; a notified service narrows them to its cluster.
 */
export const liveCollector =
  (live: LiveClients): InventoryCollector =>
  (request) =>
    collectLiveInventory(live, {
      types: request.resourceTypes,
      ...(request.clusters?.length ? { clusters: request.clusters } : {}),
    });
