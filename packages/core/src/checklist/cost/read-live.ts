import { NothingReadError, noRegionError } from "../check/live-errors";
import { type LiveSessionOptions, progressLines, withLiveSession } from "../check/live-session";
import { UsageError } from "../../kernel/errors";
import type { Inventory } from "../inventory/inventory";

/**
 * What an estimate reads from an account: the ECS services and task definitions that root the
 * scope, what ties them to the priced resources (IAM roles and policies to tables and queues;
 * subnets and VPCs to the VPC's flow logs and their log group), and the priced resources.
 * Only read-only Describe/List/Get actions (docs/cost.md lists them).
 */
export const COST_RESOURCE_TYPES = [
  "AWS::ECS::Cluster",
  "AWS::ECS::Service",
  "AWS::ECS::TaskDefinition",
  "AWS::IAM::Role",
  "AWS::IAM::ManagedPolicy",
  "AWS::EC2::Subnet",
  "AWS::EC2::VPC",
  "AWS::EC2::FlowLog",
  "AWS::DynamoDB::Table",
  "AWS::SQS::Queue",
  "AWS::ElasticLoadBalancingV2::LoadBalancer",
  "AWS::ElasticLoadBalancingV2::Listener",
  "AWS::ElasticLoadBalancingV2::ListenerRule",
  "AWS::ElasticLoadBalancingV2::TargetGroup",
  "AWS::Logs::LogGroup",
  "AWS::CloudWatch::Alarm",
] as const;

export interface LiveCostReadInput extends LiveSessionOptions {
  /** ECS clusters to read (every cluster when absent). */
  readonly clusters?: readonly string[];
  /** ECS services to read (every service of the clusters when absent). */
  readonly services?: readonly string[];
}

export interface LiveCostRead {
  readonly inventory: Inventory;
  readonly region: string;
  readonly accountId: string;
  /** The endpoint, or "AWS <region>". */
  readonly source: string;
  readonly warnings: readonly string[];
}

/**
 * Reads what an estimate prices. A type that could not be read (a missing permission, an API the
 * endpoint lacks) stops the estimate: an estimate that silently left out a service's resources
 * would look complete and be wrong.
 */
export const readLiveForCost = (input: LiveCostReadInput): Promise<LiveCostRead> =>
  withLiveSession(input, async ({ live, clients, onProgress }) => {
    const region = await live.resolvedRegion(clients);
    if (!region) throw noRegionError();
    const source = input.endpoint ?? `AWS ${region}`;
    const collection = await live.collectLiveInventory(clients, {
      clusters: input.clusters?.length ? input.clusters : undefined,
      services: input.services?.length ? input.services : undefined,
      types: COST_RESOURCE_TYPES,
      onProgress: onProgress ? progressLines(onProgress) : undefined,
    });
    if (collection.reads.succeeded === 0 && collection.reads.failed.length > 0)
      throw new NothingReadError(source, collection.reads.failed);
    const unreadable = COST_RESOURCE_TYPES.flatMap((type) => {
      const reason = collection.unreadableTypes.get(type);
      return reason ? [`${type}: ${reason}`] : [];
    });
    if (unreadable.length > 0)
      throw new UsageError(
        `cannot estimate from ${source}: ${unreadable.join("; ")}`,
        undefined,
        "grant the read permissions each reason names (or use an endpoint that has the API), then run it again",
      );
    const accountId = accountOf(collection.inventory);
    if (!accountId)
      throw new UsageError(
        `cannot tell which account ${source} is: no resource read carries an account in its ARN`,
        undefined,
        "point --endpoint-url / --profile at the account that runs the services, or pass --cluster",
      );
    return { inventory: collection.inventory, region, accountId, source, warnings: collection.warnings };
  });

/** The account of the resources read: every live id is an ARN, `arn:partition:service:region:account:…`. */
export const accountOf = (inventory: Inventory): string | undefined => {
  for (const resource of inventory.all()) {
    const account = resource.id.split(":")[4];
    if (resource.id.startsWith("arn:") && account && /^\d{12}$/.test(account)) return account;
  }
  return undefined;
};
