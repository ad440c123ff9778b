import type { Api } from "./run";

export const SECRET = "AWS::SecretsManager::Secret";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listSecrets: { action: "secretsmanager:ListSecrets", types: [SECRET] },
} satisfies Record<string, Api>;
