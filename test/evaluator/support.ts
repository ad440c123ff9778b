import { ConfigServiceClient, PutEvaluationsCommand } from "@aws-sdk/client-config-service";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach } from "vitest";
import { parseConfigurationItem } from "@readiness/core/checklist/adapters/config-item/item";
import { resourceFromConfigItem } from "@readiness/core/checklist/adapters/config-item/resource";
import { type EvaluatorDeps, evaluateConfigRuleEvent } from "@readiness/core/config-rules/evaluator";
import type {
  CollectedInventory,
  CollectRequest,
  InventoryCollector,
} from "@readiness/core/config-rules/inventory";
import { Inventory } from "@readiness/core/checklist/inventory/inventory";
import type { Resource } from "@readiness/core/checklist/model/resource";
import type { Log } from "@readiness/core/kernel/observability/log";
import type { RawItem } from "../fixtures/config-events/items";
import {
  answerGetComplianceDetailsByConfigRule,
  answerPutEvaluations,
  type ConfigStub,
} from "@readiness/devkit/test-support/aws-contracts/config-service";

export type { ConfigStub } from "@readiness/devkit/test-support/aws-contracts/config-service";

/** Resources built from configuration items, the way a live collection would return them. */
export const resourcesOf = (...items: RawItem[]): Resource[] =>
  items.map((item) => resourceFromConfigItem(parseConfigurationItem(item)));

export interface FakeCollector extends InventoryCollector {
  readonly requests: CollectRequest[];
}

/** A collector that returns fixed resources (and unreadable types) and records what it was asked. */
export const collectorOf = (
  resources: readonly Resource[],
  unreadableTypes: ReadonlyMap<string, string> = new Map(),
): FakeCollector => {
  const requests: CollectRequest[] = [];
  const collect = async (request: CollectRequest): Promise<CollectedInventory> => {
    requests.push(request);
    return { inventory: new Inventory(resources, "live"), unreadableTypes, warnings: [] };
  };
  return Object.assign(collect, { requests });
};

export const failingCollector =
  (message: string): InventoryCollector =>
  async () => {
    throw new Error(message);
  };

export interface LogLine {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly message: string;
  readonly attributes: Record<string, unknown>;
  /** The keys appended so far, as Powertools would print them on this line. */
  readonly keys: Record<string, unknown>;
}

export const recordingLog = (): Log & { readonly lines: LogLine[] } => {
  const lines: LogLine[] = [];
  let keys: Record<string, unknown> = {};
  const at =
    (level: LogLine["level"]) =>
    (message: string, attributes: Record<string, unknown> = {}): void => {
      lines.push({ level, message, attributes, keys: { ...keys } });
    };
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    appendKeys: (more) => {
      keys = { ...keys, ...more };
    },
  };
};

/** A Config client whose calls the stub answers (the emulator lacks these APIs outside test mode). */
export const configClient = (): ConfigServiceClient =>
  new ConfigServiceClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });

export const noSleep = async (): Promise<void> => {};

export const evaluate = (event: unknown, deps: Partial<EvaluatorDeps> & Pick<EvaluatorDeps, "collect">) =>
  evaluateConfigRuleEvent(event, { config: configClient(), sleep: noSleep, ...deps });

/** Every evaluation posted, in order, across all PutEvaluations calls. */
export const postedEvaluations = (config: ConfigStub) =>
  config.commandCalls(PutEvaluationsCommand).flatMap((call) => call.args[0].input.Evaluations ?? []);

/**
 * AWS Config stubbed with aws-sdk-client-mock, for contract tests: the emulator implements
 * PutEvaluations only in test mode (and never reports FailedEvaluations, nor refuses
 * INSUFFICIENT_DATA) and lacks GetComplianceDetailsByConfigRule. Every request is first checked
 * against what Config refuses (packages/devkit/src/test-support/aws-contracts/config-service.ts). Before each test
 * every valid PutEvaluations is accepted and no rule has earlier evaluations; a test overrides
 * either with `answerPutEvaluations` / `answerGetComplianceDetailsByConfigRule`, never with a bare
 * `.on(...)`, which would skip the validation. Reset after each test.
 */
export const stubConfigService = (): ConfigStub => {
  const config = mockClient(ConfigServiceClient);
  beforeEach(() => {
    answerPutEvaluations(config);
    answerGetComplianceDetailsByConfigRule(config);
  });
  afterEach(() => config.reset());
  return config;
};
