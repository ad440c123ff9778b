import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SmokeRun, SmokeSpec, SmokeTarget } from "../smoke/types";
import type { GateStep } from "./gate";
import { type ClientWrapper, sdkClientConfig, unwrapped } from "../../kernel/sdk-clients";
import type { GateSettings } from "./settings";

export type { ClientWrapper } from "../../kernel/sdk-clients";

/** Every SDK client the gate functions use, created in this one place. */
export interface GateClients {
  readonly ecs: ECSClient;
  readonly dynamodb: DynamoDBClient;
  readonly events: EventBridgeClient;
  readonly config: ConfigServiceClient;
}

/**
 * What a test, a benchmark or the demo injects when it constructs a gate function (its handler
 * factory): clients (the emulator), the smoke test, a step hook. Lambda constructs them with none.
 */
export interface GateOverrides {
  readonly clients?: GateClients;
  readonly smoke?: (target: SmokeTarget, spec: SmokeSpec) => Promise<SmokeRun>;
  readonly onStep?: (step: GateStep) => void;
  /** The lifecycle hook's pacing (tests wait less than ECS would). */
  readonly hook?: { readonly waitMs?: number; readonly callBackDelaySeconds?: number; readonly staleAfterMs?: number };
}

export const createGateClients = (settings: GateSettings, wrap: ClientWrapper = unwrapped): GateClients => {
  const config = sdkClientConfig(settings);
  return {
    ecs: wrap(new ECSClient(config)),
    dynamodb: wrap(new DynamoDBClient(config)),
    events: wrap(new EventBridgeClient(config)),
    config: wrap(new ConfigServiceClient(config)),
  };
};
