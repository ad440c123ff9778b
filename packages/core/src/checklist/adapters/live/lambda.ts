import {
  type EventSourceMappingConfiguration,
  type FunctionConfiguration,
  type FunctionEventInvokeConfig,
  paginateListEventSourceMappings,
  paginateListFunctionEventInvokeConfigs,
  paginateListFunctions,
} from "@aws-sdk/client-lambda";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { defined, identifiedBy } from "./shape";
import { LAMBDA_EVENT_INVOKE_CONFIG, LAMBDA_EVENT_SOURCE_MAPPING, LAMBDA_FUNCTION, api } from "./lambda.api";

export { LAMBDA_EVENT_SOURCE_MAPPING, LAMBDA_FUNCTION, LAMBDA_EVENT_INVOKE_CONFIG } from "./lambda.api";

/** Event source mappings, functions, and each function's asynchronous-invocation configs. */
export async function collectLambda(clients: LiveClients, run: LiveRun): Promise<void> {
  await Promise.all([collectEventSourceMappings(clients, run), collectFunctions(clients, run)]);
}

async function collectEventSourceMappings(clients: LiveClients, run: LiveRun): Promise<void> {
  await run.collectListing(
    "lambda event source mappings",
    api.listEventSourceMappings,
    paginateListEventSourceMappings({ client: clients.lambda }, {}),
    (p) => p.EventSourceMappings,
    eventSourceMappingResource,
  );
}

async function collectFunctions(clients: LiveClients, run: LiveRun): Promise<void> {
  const read = await run.readAll(
    api.listFunctions,
    paginateListFunctions({ client: clients.lambda }, {}),
    (p) => p.Functions,
  );
  if (!read.ok) {
    // Without the functions there is nothing to ask invoke configs of: they cannot be known either.
    run.unreadableTypes.set(LAMBDA_EVENT_INVOKE_CONFIG, read.error.reason);
    return;
  }
  for (const fn of read.value) run.add(functionResource(fn));
  run.progress("lambda functions", read.value.length);
  await run.forEach("lambda invoke configs", read.value, async (fn) => {
    // All-or-nothing per function: one that cannot be read makes the type unreadable (run.readAll).
    const configs = await run.readAll(
      api.listFunctionEventInvokeConfigs,
      paginateListFunctionEventInvokeConfigs({ client: clients.lambda }, { FunctionName: fn.FunctionArn }),
      (p) => p.FunctionEventInvokeConfigs,
    );
    if (configs.ok) for (const config of configs.value) run.add(eventInvokeConfigResource(config));
  });
}

/** A mapping counts as enabled unless its state is Disabled or Disabling. */
export const eventSourceMappingResource = (mapping: EventSourceMappingConfiguration): Resource => ({
  ...identifiedBy(LAMBDA_EVENT_SOURCE_MAPPING, mapping.EventSourceMappingArn, mapping.UUID),
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

/**
 * The API's FunctionConfiguration is already PascalCase, in CloudFormation's spelling for what the
 * rules read. LoggingConfig.LogGroup is the group the function writes to (the API reports the
 * default /aws/lambda/<name> too); an endpoint that leaves it out gets the same default from the rules.
 */
export const functionResource = (fn: FunctionConfiguration): Resource => ({
  ...identifiedBy(LAMBDA_FUNCTION, fn.FunctionArn, fn.FunctionName),
  properties: defined({
    FunctionName: fn.FunctionName,
    Runtime: fn.Runtime,
    Role: fn.Role,
    Handler: fn.Handler,
    Timeout: fn.Timeout,
    MemorySize: fn.MemorySize,
    Description: fn.Description || undefined,
    PackageType: fn.PackageType,
    Architectures: fn.Architectures,
    VpcConfig:
      fn.VpcConfig?.SubnetIds?.length || fn.VpcConfig?.SecurityGroupIds?.length
        ? defined({ SubnetIds: fn.VpcConfig.SubnetIds, SecurityGroupIds: fn.VpcConfig.SecurityGroupIds })
        : undefined,
    TracingConfig: fn.TracingConfig?.Mode ? { Mode: fn.TracingConfig.Mode } : undefined,
    Environment: fn.Environment?.Variables ? { Variables: { ...fn.Environment.Variables } } : undefined,
    DeadLetterConfig: fn.DeadLetterConfig?.TargetArn ? { TargetArn: fn.DeadLetterConfig.TargetArn } : undefined,
    LoggingConfig: fn.LoggingConfig && defined({ ...fn.LoggingConfig }),
    Layers: fn.Layers?.length ? fn.Layers.map((layer) => layer.Arn) : undefined,
  }),
});

/**
 * The API names the function by its qualified ARN (…:function:name:$LATEST); CloudFormation splits
 * it into FunctionName and Qualifier. The id is the config's own, so the function's ARN still
 * resolves to the function.
 */
export const eventInvokeConfigResource = (config: FunctionEventInvokeConfig): Resource => {
  const qualified = config.FunctionArn!;
  const parts = qualified.split(":");
  const qualifier = parts.length > 7 ? parts[7] : undefined;
  return {
    id: `${qualified}/event-invoke-config`,
    type: LAMBDA_EVENT_INVOKE_CONFIG,
    aliases: [],
    properties: defined({
      FunctionName: parts.slice(0, 7).join(":"),
      Qualifier: qualifier,
      MaximumRetryAttempts: config.MaximumRetryAttempts,
      MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
      DestinationConfig: config.DestinationConfig,
    }),
  };
};
