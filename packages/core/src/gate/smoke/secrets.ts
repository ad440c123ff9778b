import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SecretLoader } from "./tls-material";

/** A `SecretLoader` over a Secrets Manager client the caller created (and can swap in tests). */
export const secretsManagerLoader =
  (client: SecretsManagerClient): SecretLoader =>
  async (secretId) => {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (answer.SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
    return answer.SecretString;
  };
