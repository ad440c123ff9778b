import { asRecord, pathOf } from "../../../model/value";
import type { ItemMapper } from "../support";
import { configurationOf, defined, identity, tagList } from "../support";

/** AWS::Lambda::Function: camelCase GetFunctionConfiguration shape → CloudFormation properties. */
export const lambdaFunction: ItemMapper = (item) => {
  const c = configurationOf(item);
  const vpcConfig = asRecord(c.vpcConfig);
  const variables = pathOf(c, "environment", "variables");
  return {
    ...identity(item, c.functionArn, c.functionName),
    properties: defined({
      FunctionName: c.functionName,
      Runtime: c.runtime,
      Role: c.role,
      Handler: c.handler,
      Timeout: c.timeout,
      MemorySize: c.memorySize,
      Description: c.description,
      PackageType: c.packageType,
      Architectures: c.architectures,
      VpcConfig:
        c.vpcConfig === undefined
          ? undefined
          : defined({ SubnetIds: vpcConfig.subnetIds, SecurityGroupIds: vpcConfig.securityGroupIds }),
      TracingConfig: c.tracingConfig === undefined ? undefined : { Mode: asRecord(c.tracingConfig).mode },
      Environment: variables === undefined ? undefined : { Variables: variables },
      DeadLetterConfig:
        c.deadLetterConfig === undefined ? undefined : { TargetArn: asRecord(c.deadLetterConfig).targetArn },
      // The group the function writes to; without it, the rules take Lambda's default /aws/lambda/<name>.
      LoggingConfig:
        c.loggingConfig === undefined
          ? undefined
          : defined({
              LogGroup: asRecord(c.loggingConfig).logGroup,
              LogFormat: asRecord(c.loggingConfig).logFormat,
              ApplicationLogLevel: asRecord(c.loggingConfig).applicationLogLevel,
              SystemLogLevel: asRecord(c.loggingConfig).systemLogLevel,
            }),
      Layers: Array.isArray(c.layers) ? c.layers.map((l) => asRecord(l).arn ?? l) : undefined,
      Tags: tagList(item, item.supplementaryConfiguration.Tags),
    }),
  };
};
