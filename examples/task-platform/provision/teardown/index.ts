import { DeleteScalingPolicyCommand, DeregisterScalableTargetCommand } from "@aws-sdk/client-application-auto-scaling";
import { DescribeRouteTablesCommand, DisassociateRouteTableCommand } from "@aws-sdk/client-ec2";
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  type TaskDefinitionStatus,
} from "@aws-sdk/client-ecs";
import { DeleteTrustStoreCommand, DescribeTrustStoresCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { DeleteSecretCommand, DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { asRecord } from "@readiness/core/checklist/model/value";
import { deleteServerCertificate } from "../certificate";
import type { PlatformClients } from "../clients";
import type { ProvisionContext } from "../context";
import { isMissingApi, isNotFound, TeardownIncompleteError } from "../errors";
import { alarmName } from "../reconcile/alarms";
import { SCALABLE_TARGET, SCALING_POLICY, scalableTargetKey } from "../reconcile/dynamodb";
import { TASK_DEFINITION } from "../reconcile/ecs";
import { SECRET, secretName } from "../reconcile/secrets";
import { deleteStack } from "../stack";
import { resourcesOfType } from "../template";
import { DELETION_ORDER, RESOURCE_KINDS } from "./kinds";

export interface TeardownReport {
  /** What the endpoint's DeleteStack could not delete (the sweep then deleted it through the SDK). */
  readonly stackDeletionProblem?: string;
  /** Logical ids (and extra names) deleted through the SDK rather than by DeleteStack. */
  readonly sweptBySdk: readonly string[];
}

const quietly = async (action: () => Promise<unknown>): Promise<void> => {
  try {
    await action();
  } catch (error) {
    if (!isNotFound(error) && !isMissingApi(error)) throw error;
  }
};

/**
 * Deletes everything: what the provisioner created beside the stack, what the emulator's
 * CloudFormation cannot delete (services, NAT gateways, flow logs, associations), the stack, and
 * then any leftover resource of the template, checking each one is gone.
 */
export const teardown = async (context: ProvisionContext): Promise<TeardownReport> => {
  const { clients, template, resolver } = context;
  const { stackName, physical } = resolver.facts;
  const swept: string[] = [];

  for (const alarm of resourcesOfType(template, "AWS::CloudWatch::Alarm")) {
    const name =
      typeof alarm.properties.AlarmName === "string"
        ? alarm.properties.AlarmName
        : alarmName(stackName, alarm.logicalId);
    if (await RESOURCE_KINDS["AWS::CloudWatch::Alarm"].exists(clients, name)) {
      await RESOURCE_KINDS["AWS::CloudWatch::Alarm"].remove(clients, name);
      swept.push(alarm.logicalId);
    }
  }
  await deleteScaling(context, swept);
  for (const secret of resourcesOfType(template, SECRET)) {
    const id = physical.get(secret.logicalId) ?? secretName(stackName, secret.logicalId);
    const exists = await clients.secrets.send(new DescribeSecretCommand({ SecretId: id })).then(
      () => true,
      (error: unknown) => (isNotFound(error) ? false : Promise.reject(error)),
    );
    if (!exists) continue;
    await clients.secrets.send(new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true }));
    swept.push(secret.logicalId);
  }
  for (const store of resourcesOfType(template, "AWS::ElasticLoadBalancingV2::TrustStore"))
    await quietly(async () => {
      const name = String(store.properties.Name);
      const { TrustStores } = await clients.elbv2.send(new DescribeTrustStoresCommand({ Names: [name] }));
      for (const found of TrustStores ?? []) {
        await clients.elbv2.send(new DeleteTrustStoreCommand({ TrustStoreArn: found.TrustStoreArn }));
        swept.push(store.logicalId);
      }
    });
  await deleteServerCertificate(clients.iam, stackName);

  // Services first: the emulator's DeleteStack leaves them (and the VPC they hold) in place.
  for (const service of resourcesOfType(template, "AWS::ECS::Service")) {
    const arn = physical.get(service.logicalId);
    if (arn && (await RESOURCE_KINDS["AWS::ECS::Service"].exists(clients, arn))) {
      await RESOURCE_KINDS["AWS::ECS::Service"].remove(clients, arn);
      swept.push(service.logicalId);
    }
  }
  await deleteTaskDefinitions(context, swept);
  await disassociateRouteTables(context, swept);

  const stackDeletionProblem = await deleteStack(clients.cloudformation, stackName);

  for (const type of DELETION_ORDER)
    for (const resource of resourcesOfType(template, type)) {
      const id = physical.get(resource.logicalId);
      if (!id || !(await RESOURCE_KINDS[type].exists(clients, id))) continue;
      await RESOURCE_KINDS[type].remove(clients, id);
      swept.push(resource.logicalId);
    }

  const leftovers: string[] = [];
  for (const type of DELETION_ORDER)
    for (const resource of resourcesOfType(template, type)) {
      const id = physical.get(resource.logicalId);
      if (id && (await RESOURCE_KINDS[type].exists(clients, id))) leftovers.push(`${resource.logicalId} (${id})`);
    }
  for (const definition of resourcesOfType(template, TASK_DEFINITION))
    if ((await activeRevisions(clients, String(definition.properties.Family ?? ""))).length > 0)
      leftovers.push(definition.logicalId);
  if (leftovers.length > 0) throw new TeardownIncompleteError(leftovers);
  return { stackDeletionProblem, sweptBySdk: [...new Set(swept)] };
};

const deleteScaling = async (context: ProvisionContext, swept: string[]): Promise<void> => {
  const { clients, template } = context;
  for (const policy of resourcesOfType(template, SCALING_POLICY)) {
    const target = template.resources.find((r) => r.logicalId === asRecord(policy.properties.ScalingTargetId).Ref);
    if (!target) continue;
    const key = await scalableTargetKey(context, target).catch(() => undefined);
    if (!key) continue;
    await quietly(async () => {
      await clients.autoscaling.send(
        new DeleteScalingPolicyCommand({ ...key, PolicyName: String(policy.properties.PolicyName) }),
      );
      swept.push(policy.logicalId);
    });
  }
  for (const target of resourcesOfType(template, SCALABLE_TARGET)) {
    const key = await scalableTargetKey(context, target).catch(() => undefined);
    if (!key) continue;
    await quietly(async () => {
      await clients.autoscaling.send(new DeregisterScalableTargetCommand(key));
      swept.push(target.logicalId);
    });
  }
};

const activeRevisions = async (
  clients: PlatformClients,
  family: string,
  status: TaskDefinitionStatus = "ACTIVE",
): Promise<string[]> => {
  if (!family) return [];
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status, nextToken }));
    // familyPrefix matches prefixes: keep only this family's revisions.
    arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => arn.includes(`:task-definition/${family}:`)));
    nextToken = page.nextToken;
  } while (nextToken);
  return arns;
};

/** Every revision of the template's families: CloudFormation's and the ones the provisioner registered. */
const deleteTaskDefinitions = async (context: ProvisionContext, swept: string[]): Promise<void> => {
  const { clients, template } = context;
  for (const definition of resourcesOfType(template, TASK_DEFINITION)) {
    const revisions = await activeRevisions(clients, String(definition.properties.Family ?? ""));
    for (const arn of revisions)
      await quietly(() => clients.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn })));
    if (revisions.length > 0) {
      swept.push(definition.logicalId);
      // Deregistered revisions stay visible as INACTIVE until deleted; endpoints without the API keep them.
      await quietly(() => clients.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: revisions })));
    }
  }
};

const disassociateRouteTables = async (context: ProvisionContext, swept: string[]): Promise<void> => {
  const { clients, template, resolver } = context;
  for (const association of resourcesOfType(template, "AWS::EC2::SubnetRouteTableAssociation")) {
    const subnet = resolver.facts.physical.get(String(asRecord(association.properties.SubnetId).Ref));
    if (!subnet) continue;
    const { RouteTables } = await clients.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnet] }] }),
    );
    for (const table of RouteTables ?? [])
      for (const link of table.Associations ?? [])
        if (link.SubnetId === subnet && link.RouteTableAssociationId) {
          await quietly(() =>
            clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: link.RouteTableAssociationId })),
          );
          swept.push(association.logicalId);
        }
  }
};
