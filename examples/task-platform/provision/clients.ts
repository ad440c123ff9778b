import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECRClient } from "@aws-sdk/client-ecr";
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient } from "@aws-sdk/client-iam";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";

/** Every SDK client the provisioner uses, so tests and callers can pass their own. */
export interface PlatformClients {
  readonly cloudformation: CloudFormationClient;
  readonly ec2: EC2Client;
  readonly ecs: ECSClient;
  readonly ecr: ECRClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly iam: IAMClient;
  readonly logs: CloudWatchLogsClient;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly autoscaling: ApplicationAutoScalingClient;
  readonly cloudwatch: CloudWatchClient;
  readonly secrets: SecretsManagerClient;
}

export interface EndpointConfig {
  readonly endpoint?: string;
  readonly region: string;
  /** Explicit credentials (an emulator's test values); absent: the SDK's default provider chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Clients for one endpoint and region (an emulator, LocalStack, or AWS itself when endpoint is absent). */
export const platformClients = ({ endpoint, region, credentials }: EndpointConfig): PlatformClients => {
  const config = { region, maxAttempts: 3, ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) };
  return {
    cloudformation: new CloudFormationClient(config),
    ec2: new EC2Client(config),
    ecs: new ECSClient(config),
    ecr: new ECRClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    iam: new IAMClient(config),
    logs: new CloudWatchLogsClient(config),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
    cloudwatch: new CloudWatchClient(config),
    secrets: new SecretsManagerClient(config),
  };
};

export const destroyClients = (clients: PlatformClients): void => {
  for (const client of Object.values(clients)) client.destroy();
};
