import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SmokeRun, SmokeSpec, SmokeTarget } from "../smoke/types";
import type { GateStep } from "./gate";
import type { GateSettings } from "./settings";

/** Every SDK client the gate functions use, created in this one place. */
export interface GateClients {
  readonly ecs: ECSClient;
  readonly dynamodb: DynamoDBClient;
  readonly events: EventBridgeClient;
  readonly config: ConfigServiceClient;
}

/** What a test or a benchmark swaps in the gate functions: clients (the emulator), the smoke test, a step hook. */
export interface GateOverrides {
  readonly clients?: GateClients;
  readonly smoke?: (target: SmokeTarget, spec: SmokeSpec) => Promise<SmokeRun>;
  readonly onStep?: (step: GateStep) => void;
  /** The lifecycle hook's pacing (tests wait less than ECS would). */
  readonly hook?: { readonly waitMs?: number; readonly callBackDelaySeconds?: number; readonly staleAfterMs?: number };
}

export type ClientWrapper = <T>(client: T) => T;

let created: GateClients | undefined;
let overrides: GateOverrides = {};

/** The clients, created on first use (not at import, so a test can swap them first) and reused when warm. */
export const gateClients = (settings: GateSettings, wrap: ClientWrapper = (c) => c): GateClients => {
  if (overrides.clients) return overrides.clients;
  created ??= createGateClients(settings, wrap);
  return created;
};

export const gateOverrides = (): GateOverrides => overrides;

/** Tests and benchmarks install overrides; `{}` restores the defaults. */
export const useGateOverrides = (next: GateOverrides): void => {
  overrides = next;
};

export const createGateClients = (settings: GateSettings, wrap: ClientWrapper = (c) => c): GateClients => {
  const config = { region: settings.region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
  return {
    ecs: wrap(new ECSClient(config)),
    dynamodb: wrap(new DynamoDBClient(config)),
    events: wrap(new EventBridgeClient(config)),
    config: wrap(new ConfigServiceClient(config)),
  };
};
