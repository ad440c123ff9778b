import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { asRecord } from "@readiness/core/checklist/model/value";
import type { ProvisionContext } from "../context";
import { isNotFound, ProvisionError } from "../errors";
import { resourcesOfType } from "../template";

export const SECRET = "AWS::SecretsManager::Secret";

/** Name of a secret the provisioner creates for a template secret the endpoint's CloudFormation did not. */
export const secretName = (stackName: string, logicalId: string): string => `${stackName}/${logicalId}`;

const describeSecret = async (secrets: SecretsManagerClient, id: string): Promise<string | undefined> => {
  try {
    return (await secrets.send(new DescribeSecretCommand({ SecretId: id }))).ARN;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
};

/** Generates the value the way GenerateSecretString would: a password, or a JSON document holding one. */
const generatedValue = async (secrets: SecretsManagerClient, properties: Record<string, unknown>): Promise<string> => {
  const spec = asRecord(properties.GenerateSecretString);
  const { RandomPassword } = await secrets.send(
    new GetRandomPasswordCommand({
      PasswordLength: typeof spec.PasswordLength === "number" ? spec.PasswordLength : 32,
      ExcludePunctuation: spec.ExcludePunctuation === true,
    }),
  );
  if (!RandomPassword) throw new ProvisionError("GetRandomPassword returned no password");
  if (typeof spec.SecretStringTemplate !== "string" || typeof spec.GenerateStringKey !== "string")
    return RandomPassword;
  return JSON.stringify({
    ...asRecord(JSON.parse(spec.SecretStringTemplate)),
    [spec.GenerateStringKey]: RandomPassword,
  });
};

/** Secrets first: task definitions and the execution role's policy refer to their ARNs. */
export const reconcileSecrets = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver, ledger, tags } = context;
  for (const secret of resourcesOfType(context.template, SECRET)) {
    const created = resolver.facts.physical.get(secret.logicalId);
    if (created && (await describeSecret(clients.secrets, created))) continue;
    const name = secretName(resolver.facts.stackName, secret.logicalId);
    let arn = await describeSecret(clients.secrets, name);
    if (!arn) {
      if (secret.properties.SecretString !== undefined)
        throw new ProvisionError(
          `${secret.logicalId}: literal SecretString values are not provisioned`,
          "use GenerateSecretString",
        );
      const response = await clients.secrets.send(
        new CreateSecretCommand({
          Name: name,
          Description: typeof secret.properties.Description === "string" ? secret.properties.Description : undefined,
          SecretString: await generatedValue(clients.secrets, secret.properties),
          Tags: [{ Key: tags.key, Value: tags.value }],
        }),
      );
      ledger.change(secret.logicalId, "CreateSecret");
      arn = await describeSecret(clients.secrets, name);
      if (!arn || arn !== response.ARN)
        throw new ProvisionError(`${secret.logicalId}: secret ${name} not found after CreateSecret`);
    }
    resolver.facts.physical.set(secret.logicalId, arn);
  }
};
