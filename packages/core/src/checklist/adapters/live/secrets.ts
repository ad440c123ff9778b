import { paginateListSecrets, type SecretListEntry } from "@aws-sdk/client-secrets-manager";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { cfnTags, defined, identifiedBy } from "./shape";
import { SECRET, api } from "./secrets.api";

export { SECRET } from "./secrets.api";

/** Secret metadata only: readiness never calls GetSecretValue, so no secret value is ever read. */
export async function collectSecrets(clients: LiveClients, run: LiveRun): Promise<void> {
  const pages = paginateListSecrets({ client: clients.secretsManager }, {});
  await run.collectListing("secrets", api.listSecrets, pages, (p) => p.SecretList, secretResource);
}

const secretResource = (secret: SecretListEntry): Resource => ({
  ...identifiedBy(SECRET, secret.ARN, secret.Name),
  properties: defined({
    Name: secret.Name,
    Description: secret.Description,
    KmsKeyId: secret.KmsKeyId,
    Tags: cfnTags(secret.Tags),
  }),
  observed: defined({
    rotationEnabled: secret.RotationEnabled ?? false,
    rotationLambdaArn: secret.RotationLambdaARN,
    lastRotatedDate: secret.LastRotatedDate?.toISOString(),
    lastChangedDate: secret.LastChangedDate?.toISOString(),
  }),
});
