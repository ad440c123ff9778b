import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECRClient } from "@aws-sdk/client-ecr";
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";
import { EMULATOR_TEST_CREDENTIALS } from "../../emulator/client-config";

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
}

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
 * Builds every client with adaptive retries (throttling backs off and is retried). A loopback
 * endpoint without configured credentials gets the emulator's test credentials, so
 * `--endpoint-url http://127.0.0.1:5000` works on a machine with no AWS setup.
 */
export function createLiveClients(options: LiveClientOptions = {}): LiveClients {
  const env = environment();
  const local = options.endpoint !== undefined && isLoopback(options.endpoint);
  const region = options.region ?? env.region ?? (options.endpoint ? EMULATOR_DEFAULT_REGION : undefined);
  const useTestCredentials = local && !options.profile && !env.hasKeys && !env.hasProfile;
  const config = {
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(useTestCredentials ? { credentials: { ...EMULATOR_TEST_CREDENTIALS } } : {}),
    retryMode: "adaptive",
    maxAttempts: options.maxAttempts ?? 6,
  };
  return {
    ecs: new ECSClient(config),
    ec2: new EC2Client(config),
    ecr: new ECRClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
    autoScaling: new ApplicationAutoScalingClient(config),
    logs: new CloudWatchLogsClient(config),
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    secretsManager: new SecretsManagerClient(config),
    cloudWatch: new CloudWatchClient(config),
    source: options.endpoint ?? `AWS${region ? ` ${region}` : ""}`,
  };
}

/** Closes every client's connections (sockets would otherwise keep a short-lived process alive). */
export function destroyLiveClients(clients: LiveClients): void {
  for (const client of Object.values(clients)) if (typeof client === "object" && "destroy" in client) client.destroy();
}
