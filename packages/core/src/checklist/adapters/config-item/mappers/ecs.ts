import type { ItemMapper } from "../support";
import { configurationOf, identity, text } from "../support";

/** AWS::ECS::Service: Config already uses the CloudFormation shape. */
export const ecsService: ItemMapper = (item) => {
  const configuration = configurationOf(item);
  return { ...identity(item, configuration.ServiceArn), properties: { ...configuration } };
};

/** AWS::ECS::TaskDefinition: CloudFormation shape; services name it by its ARN or family:revision. */
export const ecsTaskDefinition: ItemMapper = (item) => {
  const configuration = configurationOf(item);
  const arn = text(configuration.TaskDefinitionArn) ?? item.arn;
  const familyRevision = arn?.split("/").pop();
  return { ...identity(item, arn, familyRevision), properties: { ...configuration } };
};
