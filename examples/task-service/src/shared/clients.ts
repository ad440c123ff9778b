import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface AwsClients {
  readonly documents: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly secrets: SecretsManagerClient;
}

/** The only place the service creates SDK clients; everything else receives them. */
export function createClients(settings: { AWS_REGION: string; AWS_ENDPOINT_URL?: string }): AwsClients {
  const config = { region: settings.AWS_REGION, endpoint: settings.AWS_ENDPOINT_URL };
  return {
    documents: DynamoDBDocumentClient.from(new DynamoDBClient(config), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs: new SQSClient(config),
    secrets: new SecretsManagerClient(config),
  };
}
