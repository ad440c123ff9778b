import { standInForEcsScheduler } from "@readiness/example-task-platform/provision/emulator-scheduler";
import {
  type PlatformResource,
  type ProvisionedPlatform,
  platformClients,
  provisionPlatform,
  type Variant,
} from "@readiness/example-task-platform/provision/index";
import type { Inventory } from "@readiness/core/checklist/inventory/inventory";
import { displayName, type Resource } from "@readiness/core/checklist/model/resource";
import type { EmulatorHandle } from "@readiness/devkit/test-support/emulator";

export const REGION = "us-east-1";
export const CLUSTER = "task-platform";
export const CONFIG_PATH = "examples/task-platform/readiness.yml";

/**
 * Provisions one variant of the example platform into the emulator, then lets its services reach
 * the steady state ECS's scheduler would give them (see `standInForEcsScheduler`).
 */
export async function provisionSettled(handle: EmulatorHandle, variant: Variant): Promise<ProvisionedPlatform> {
  const endpoint = handle.emulator.endpoint;
  const platform = await provisionPlatform({ variant, endpoint, region: REGION });
  const clients = platformClients({ endpoint, region: REGION, credentials: handle.clientConfig(REGION).credentials });
  try {
    await standInForEcsScheduler(endpoint, clients, platform);
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
  return platform;
}

/** ARN of a task definition revision → its family ("…:task-definition/task-api:2" → "task-api"). */
const familyOf = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1).replace(/:\d+$/, "");

/**
 * Live resource id → template logical id, through the provisioned stack's physical ids: a live
 * resource of the template resource's type whose id or aliases contain its physical id. Task
 * definitions match by family: the stack's physical id is the revision moto's CloudFormation
 * registered, and the provisioner registered the full definition as the next revision, which the
 * services run. Resources the template does not declare (moto's default VPC, the main route
 * table) map to nothing.
 */
export const liveToLogical = (platform: ProvisionedPlatform, live: Inventory): Map<string, string> => {
  const mapping = new Map<string, string>();
  const matches = (declared: PlatformResource, resource: Resource): boolean =>
    declared.type === "AWS::ECS::TaskDefinition"
      ? resource.properties.Family === familyOf(declared.physicalId)
      : resource.id === declared.physicalId || resource.aliases.includes(declared.physicalId);
  for (const declared of platform.resources) {
    const found = live.ofType(declared.type).filter((resource) => matches(declared, resource));
    if (found.length > 1)
      throw new Error(`${declared.logicalId} (${declared.physicalId}) matches ${found.length} live resources`);
    if (found[0]) mapping.set(found[0].id, declared.logicalId);
  }
  return mapping;
};

/**
 * Rewrites reasons so that both sources name resources the same way: every string by which a
 * side knows a platform resource (live: its ARN, id, aliases and display name; template: its
 * placeholder physical ids, names and ARNs) becomes its logical id. A name that means two
 * resources on one side (the service and the repository are both "task-api") is left as it is.
 */
export class ReasonNames {
  private readonly names: [RegExp, string][];

  constructor(named: Iterable<[resource: Resource, logicalId: string]>) {
    const byName = new Map<string, Set<string>>();
    for (const [resource, logicalId] of named)
      for (const name of [resource.id, ...resource.aliases, displayName(resource)])
        if (name.length > 3 && name !== logicalId) byName.set(name, (byName.get(name) ?? new Set()).add(logicalId));
    this.names = [...byName]
      .filter(([, ids]) => ids.size === 1)
      .sort((a, b) => b[0].length - a[0].length)
      .map(([name, ids]) => [new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, "g"), [...ids][0]!]);
  }

  static live(platform: ProvisionedPlatform, live: Inventory): ReasonNames {
    return new ReasonNames(
      [...liveToLogical(platform, live)].map(([id, logicalId]): [Resource, string] => [
        live.get(id) as Resource,
        logicalId,
      ]),
    );
  }

  static template(template: Inventory): ReasonNames {
    return new ReasonNames([...template.all()].map((resource): [Resource, string] => [resource, resource.id]));
  }

  rewrite(reason: string): string {
    return this.names.reduce((text, [pattern, logicalId]) => text.replace(pattern, logicalId), reason);
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
