import { type EventSourceMappingConfiguration, paginateListEventSourceMappings } from "@aws-sdk/client-lambda";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { Api, LiveRun } from "./run";
import { aliasesOf, defined } from "./shape";

export const LAMBDA_EVENT_SOURCE_MAPPING = "AWS::Lambda::EventSourceMapping";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listEventSourceMappings: { action: "lambda:ListEventSourceMappings", types: [LAMBDA_EVENT_SOURCE_MAPPING] },
} satisfies Record<string, Api>;

export async function collectEventSourceMappings(clients: LiveClients, run: LiveRun): Promise<void> {
  const read = await run.readAll(
    api.listEventSourceMappings,
    paginateListEventSourceMappings({ client: clients.lambda }, {}),
    (p) => p.EventSourceMappings,
  );
  if (read.ok) for (const mapping of read.value) run.add(eventSourceMappingResource(mapping));
  run.progress("lambda event source mappings", read.ok ? read.value.length : 0);
}

/** A mapping counts as enabled unless its state is Disabled or Disabling. */
export const eventSourceMappingResource = (mapping: EventSourceMappingConfiguration): Resource => ({
  id: mapping.EventSourceMappingArn ?? mapping.UUID!,
  type: LAMBDA_EVENT_SOURCE_MAPPING,
  aliases: aliasesOf(mapping.EventSourceMappingArn, mapping.UUID),
  properties: defined({
    EventSourceArn: mapping.EventSourceArn,
    FunctionName: mapping.FunctionArn,
    Enabled: mapping.State === undefined ? undefined : !/^disabl/i.test(mapping.State),
    BatchSize: mapping.BatchSize,
    MaximumBatchingWindowInSeconds: mapping.MaximumBatchingWindowInSeconds,
    FunctionResponseTypes: mapping.FunctionResponseTypes,
    ScalingConfig: mapping.ScalingConfig && defined({ ...mapping.ScalingConfig }),
    DestinationConfig: mapping.DestinationConfig,
  }),
  observed: defined({ state: mapping.State }),
});
