import type { Parameter } from "@aws-sdk/client-cloudformation";
import { EMULATOR_TEST_CREDENTIALS } from "@readiness/devkit/emulator/client-config";
import { ensureServerCertificate } from "./certificate";
import { type PlatformClients, platformClients } from "./clients";
import type { ProvisionContext } from "./context";
import { type Change, type Gap, Ledger } from "./ledger";
import { reconcileAlarms } from "./reconcile/alarms";
import { reconcileTables } from "./reconcile/dynamodb";
import { reconcileRepositories } from "./reconcile/ecr";
import { reconcileEcs } from "./reconcile/ecs";
import { reconcileLoadBalancing } from "./reconcile/elbv2";
import { reconcileRoles } from "./reconcile/iam";
import { reconcileNetwork } from "./reconcile/network";
import { reconcileSecrets } from "./reconcile/secrets";
import { Resolver } from "./resolver";
import { describeStack, ensureStack, readStack } from "./stack";
import { type TeardownReport, teardown } from "./teardown/index";
import { loadPlatformTemplate, type Variant } from "./template";

export { type PlatformClients, platformClients } from "./clients";
export { standInForEcsScheduler } from "./emulator-scheduler";
export { ProvisionError, TeardownIncompleteError, VerificationError } from "./errors";
export type { Change, Gap } from "./ledger";
export type { Variant } from "./template";

export interface PlatformTarget {
  readonly variant: Variant;
  /** Any AWS-compatible endpoint (moto, LocalStack); absent: AWS itself. */
  readonly endpoint?: string;
  readonly region: string;
  /** Default `task-platform-<variant>`. */
  readonly stackName?: string;
  /** Default: the emulator's fixed test credentials when an endpoint is given, else the SDK's provider chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Clients to use instead of creating them from endpoint/region/credentials. */
  readonly clients?: PlatformClients;
}

export interface ProvisionOptions extends PlatformTarget {
  /** Certificate of the compliant variant's HTTPS listener; default: a self-signed IAM server certificate. */
  readonly certificateArn?: string;
}

export interface PlatformResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
  /** Who made it: the endpoint's CloudFormation, or the provisioner through the service API. */
  readonly createdBy: "cloudformation" | "provisioner";
}

export interface ProvisionedPlatform {
  readonly stackName: string;
  readonly variant: Variant;
  readonly outputs: Readonly<Record<string, string>>;
  readonly resources: readonly PlatformResource[];
  /** What this run changed (empty when the platform was already as the template says). */
  readonly changes: readonly Change[];
  /** What the endpoint cannot hold, with the reason. */
  readonly gaps: readonly Gap[];
}

const defaultStackName = (variant: Variant): string => `task-platform-${variant}`;

const clientsFor = (target: PlatformTarget): PlatformClients =>
  target.clients ??
  platformClients({
    endpoint: target.endpoint,
    region: target.region,
    credentials: target.credentials ?? (target.endpoint ? EMULATOR_TEST_CREDENTIALS : undefined),
  });

const TAG_KEY = "readiness:platform-stack";

/**
 * Creates the example platform (compliant or broken) on an endpoint with CloudFormation, then sets
 * through the service APIs every property the endpoint's CloudFormation dropped, verifying each by
 * reading it back. Idempotent: a second run finds everything in place and changes nothing.
 */
export async function provisionPlatform(options: ProvisionOptions): Promise<ProvisionedPlatform> {
  const template = loadPlatformTemplate(options.variant);
  const stackName = options.stackName ?? defaultStackName(options.variant);
  const clients = clientsFor(options);
  const ledger = new Ledger();
  const parameters: Parameter[] = [];
  if ("CertificateArn" in template.parameters)
    parameters.push({
      ParameterKey: "CertificateArn",
      ParameterValue: options.certificateArn ?? (await ensureServerCertificate(clients.iam, stackName, ledger)),
    });
  const stack = await ensureStack(clients.cloudformation, stackName, template, parameters, ledger);
  const fromStack = new Set(stack.physical.keys());
  const resolver = new Resolver(clients, template, {
    stackName,
    accountId: stack.accountId,
    region: options.region,
    parameters: Object.fromEntries(parameters.map((p) => [p.ParameterKey ?? "", p.ParameterValue ?? ""])),
    physical: stack.physical,
  });
  const context: ProvisionContext = { clients, template, resolver, ledger, tags: { key: TAG_KEY, value: stackName } };
  // Order matters: each step's references (secret ARNs, role ARNs, revisions) exist before they are used.
  await reconcileSecrets(context);
  await reconcileRoles(context);
  await reconcileNetwork(context);
  await reconcileLoadBalancing(context);
  await reconcileRepositories(context);
  await reconcileTables(context);
  await reconcileEcs(context);
  await reconcileAlarms(context);

  const resources = template.resources.flatMap((r): PlatformResource[] => {
    const physicalId = stack.physical.get(r.logicalId);
    if (!physicalId) return [];
    return [
      {
        logicalId: r.logicalId,
        type: r.type,
        physicalId,
        createdBy: fromStack.has(r.logicalId) ? "cloudformation" : "provisioner",
      },
    ];
  });
  return {
    stackName,
    variant: options.variant,
    outputs: stack.outputs,
    resources,
    changes: ledger.changes,
    gaps: ledger.gaps,
  };
}

/** Deletes the platform and everything the provisioner added, and checks every resource is gone. */
export async function teardownPlatform(target: PlatformTarget): Promise<TeardownReport> {
  const template = loadPlatformTemplate(target.variant);
  const stackName = target.stackName ?? defaultStackName(target.variant);
  const clients = clientsFor(target);
  const stack = (await describeStack(clients.cloudformation, stackName))
    ? await readStack(clients.cloudformation, stackName)
    : undefined;
  const resolver = new Resolver(clients, template, {
    stackName,
    accountId: stack?.accountId ?? "",
    region: target.region,
    parameters: {},
    physical: stack?.physical ?? new Map(),
  });
  const context: ProvisionContext = {
    clients,
    template,
    resolver,
    ledger: new Ledger(),
    tags: { key: TAG_KEY, value: stackName },
  };
  return teardown(context);
}
