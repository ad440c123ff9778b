import { createRequire } from "node:module";
import type { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ECRClient } from "@aws-sdk/client-ecr";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { LiveDeadline } from "./deadline";
import { EMULATOR_TEST_CREDENTIALS } from "./emulator-credentials";
import { withMissingApiNotRetried } from "./missing-api";
import { DEFAULT_LIVE_TIMEOUTS, type LiveTimeouts, requestHandlerOptions, watchRequests } from "./request-watch";

/** The SDK clients the live collectors read through; passed in so tests can point or mock them. */
export interface LiveClients {
  readonly ecs: ECSClient;
  readonly ec2: EC2Client;
  readonly ecr: ECRClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly autoScaling: ApplicationAutoScalingClient;
  readonly logs: CloudWatchLogsClient;
  readonly iam: IAMClient;
  readonly lambda: LambdaClient;
  readonly secretsManager: SecretsManagerClient;
  readonly cloudWatch: CloudWatchClient;
  readonly events: EventBridgeClient;
  readonly sns: SNSClient;
  /** Where the resources come from (endpoint or "AWS"), for resource locations. */
  readonly source: string;
}

export interface LiveClientOptions {
  readonly region?: string;
  readonly profile?: string;
  /** Any AWS-compatible endpoint (moto, LocalStack). */
  readonly endpoint?: string;
  /** Attempts per request, throttling included (default 6). */
  readonly maxAttempts?: number;
  /** Per attempt: connection and answer timeouts (default DEFAULT_LIVE_TIMEOUTS). */
  readonly timeouts?: Partial<LiveTimeouts>;
  /** The whole run's deadline (check --live): requests stop when it passes, naming what did not answer. */
  readonly deadline?: LiveDeadline;
  /** Wraps each client as it is created (the Config evaluator passes the tracer's captureAWSv3Client). */
  readonly wrapClient?: <T>(client: T) => T;
}

/**
 * Each SDK package loads when a collector first uses its client, not when this module loads: one
 * Config rule reads a few services, and loading all twelve packages cost the evaluator about 250 ms
 * of its cold start (EC2's alone about 170 ms). The SDK's packages are CommonJS, so `require` gives
 * the same module objects an `import` would (a test's aws-sdk-client-mock still applies); in a
 * Lambda bundle the packages stay external and resolve to the runtime's SDK.
 */
const requireSdk = createRequire(import.meta.url);

/** What the live adapter needs of every SDK client. */
interface SdkClient {
  destroy(): void;
}

/** Each client's SDK package, its class there, and the service's IAM prefix (which names its actions in errors). */
type SdkClientSpec = readonly [pkg: string, className: string, iamPrefix: string];

const SDK_CLIENTS: { readonly [Name in Exclude<keyof LiveClients, "source">]: SdkClientSpec } = {
  ecs: ["@aws-sdk/client-ecs", "ECSClient", "ecs"],
  ec2: ["@aws-sdk/client-ec2", "EC2Client", "ec2"],
  ecr: ["@aws-sdk/client-ecr", "ECRClient", "ecr"],
  elbv2: ["@aws-sdk/client-elastic-load-balancing-v2", "ElasticLoadBalancingV2Client", "elasticloadbalancing"],
  sqs: ["@aws-sdk/client-sqs", "SQSClient", "sqs"],
  dynamodb: ["@aws-sdk/client-dynamodb", "DynamoDBClient", "dynamodb"],
  autoScaling: ["@aws-sdk/client-application-auto-scaling", "ApplicationAutoScalingClient", "application-autoscaling"],
  logs: ["@aws-sdk/client-cloudwatch-logs", "CloudWatchLogsClient", "logs"],
  iam: ["@aws-sdk/client-iam", "IAMClient", "iam"],
  lambda: ["@aws-sdk/client-lambda", "LambdaClient", "lambda"],
  secretsManager: ["@aws-sdk/client-secrets-manager", "SecretsManagerClient", "secretsmanager"],
  cloudWatch: ["@aws-sdk/client-cloudwatch", "CloudWatchClient", "cloudwatch"],
  events: ["@aws-sdk/client-eventbridge", "EventBridgeClient", "events"],
  sns: ["@aws-sdk/client-sns", "SNSClient", "sns"],
};

/** The clients each createLiveClients call has created so far, for destroyLiveClients. */
const CREATED = new WeakMap<LiveClients, { destroy(): void }[]>();

/** A region for a local endpoint when none is configured: emulators accept any. */
const EMULATOR_DEFAULT_REGION = "us-east-1";

const isLoopback = (endpoint: string): boolean => {
  try {
    const host = new URL(endpoint).hostname;
    return host === "localhost" || host === "[::1]" || host.startsWith("127.");
  } catch {
    return false;
  }
};

/** What the environment already provides (an empty variable counts as unset), read once here rather than across the collectors. */
const environment = (): { region?: string; hasKeys: boolean; hasProfile: boolean } => ({
  region: process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined,
  hasKeys: Boolean(process.env.AWS_ACCESS_KEY_ID),
  hasProfile: Boolean(process.env.AWS_PROFILE),
});

/**
 * Builds every client with adaptive retries (throttling backs off and is retried) and connection
 * and answer timeouts (an endpoint that never answers fails the run, naming it, instead of hanging
 * it). A loopback endpoint without configured credentials gets the emulator's test credentials, so
 * `--endpoint-url http://127.0.0.1:5000` works on a machine with no AWS setup.
 */
export function createLiveClients(options: LiveClientOptions = {}): LiveClients {
  const env = environment();
  const local = options.endpoint !== undefined && isLoopback(options.endpoint);
  const region = options.region ?? env.region ?? (options.endpoint ? EMULATOR_DEFAULT_REGION : undefined);
  const useTestCredentials = local && !options.profile && !env.hasKeys && !env.hasProfile;
  const timeouts = { ...DEFAULT_LIVE_TIMEOUTS, ...options.timeouts };
  const config = {
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(useTestCredentials ? { credentials: { ...EMULATOR_TEST_CREDENTIALS } } : {}),
    retryMode: "adaptive",
    maxAttempts: options.maxAttempts ?? 6,
    requestHandler: requestHandlerOptions(timeouts),
  };
  const wrap = options.wrapClient ?? ((client) => client);
  const inUse: { destroy(): void }[] = [];
  const answered = new Set<string>();
  /** The client of one SDK package, created (its package loaded) on first use and then reused. */
  const lazily = ([pkg, className, prefix]: SdkClientSpec): PropertyDescriptor => {
    let client: SdkClient | undefined;
    const get = (): SdkClient => {
      if (client) return client;
      const Client = (requireSdk(pkg) as Record<string, new (c: typeof config) => SdkClient>)[className]!;
      const created = new Client(config);
      const watched = watchRequests(created, { prefix, timeouts, deadline: options.deadline, answered });
      client = wrap(withMissingApiNotRetried(watched));
      inUse.push(client);
      return client;
    };
    return { get, enumerable: true };
  };
  const clients = Object.defineProperties(
    { source: options.endpoint ?? `AWS${region ? ` ${region}` : ""}` },
    Object.fromEntries(Object.entries(SDK_CLIENTS).map(([name, spec]) => [name, lazily(spec)])),
  ) as LiveClients;
  CREATED.set(clients, inUse);
  return clients;
}

/**
 * Closes the connections of every client in use (sockets would otherwise keep a short-lived process
 * alive). Clients never used were never created: they are not created just to be closed.
 */
export function destroyLiveClients(clients: LiveClients): void {
  const inUse = CREATED.get(clients) ?? Object.values(clients);
  for (const client of inUse) if (typeof client === "object" && "destroy" in client) client.destroy();
}

/**
 * The region the clients use, resolved the SDK's own way (--region, AWS_REGION, AWS_DEFAULT_REGION,
 * the profile's `region` in the AWS config file; an endpoint's emulator default), or undefined
 * when there is none (or it is empty): then every call would fail with "Region is missing". A
 * region the SDK refuses (not a hostname component) is thrown as the SDK's error.
 */
export async function resolvedRegion(clients: LiveClients): Promise<string | undefined> {
  try {
    return (await clients.ecs.config.region()) || undefined;
  } catch (error) {
    // An empty AWS_REGION reaches the SDK as region "", which it refuses as a hostname component.
    if (error instanceof Error && /region is missing|region="" /i.test(error.message)) return undefined;
    throw error;
  }
}
