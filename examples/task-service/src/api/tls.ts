import { readFile } from "node:fs/promises";
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ApiSettings } from "../shared/settings";

/** PEM material for the API's servers. `clientCa` set means mutual TLS: clients must present a certificate. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  readonly clientCa?: string;
  readonly source: string;
}

export class TlsConfigError extends Error {
  override name = "TlsConfigError";
}

/** Reads TLS material from files or from a Secrets Manager secret JSON {cert, key, clientCa?}; none → plaintext. */
export async function loadTls(settings: ApiSettings, secrets: SecretsManagerClient): Promise<TlsMaterial | undefined> {
  if (settings.TLS_CERT_FILE && settings.TLS_KEY_FILE) {
    return {
      cert: await readPem(settings.TLS_CERT_FILE, "TLS_CERT_FILE"),
      key: await readPem(settings.TLS_KEY_FILE, "TLS_KEY_FILE"),
      clientCa: settings.TLS_CLIENT_CA_FILE
        ? await readPem(settings.TLS_CLIENT_CA_FILE, "TLS_CLIENT_CA_FILE")
        : undefined,
      source: "files",
    };
  }
  if (settings.TLS_SECRET_ID) return fromSecret(settings.TLS_SECRET_ID, secrets);
  return undefined;
}

async function readPem(file: string, variable: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new TlsConfigError(`${variable}: cannot read ${file} (${(error as Error).message})`, { cause: error });
  }
}

async function fromSecret(secretId: string, secrets: SecretsManagerClient): Promise<TlsMaterial> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: secretId })).catch((error: unknown) => {
    throw new TlsConfigError(`TLS_SECRET_ID ${secretId}: cannot read the secret (${(error as Error).message})`, {
      cause: error,
    });
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret.SecretString ?? "");
  } catch {
    throw new TlsConfigError(`TLS_SECRET_ID ${secretId}: the secret is not JSON {"cert","key","clientCa"?}`);
  }
  const { cert, key, clientCa } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof cert !== "string" || typeof key !== "string")
    throw new TlsConfigError(`TLS_SECRET_ID ${secretId}: the secret needs string fields "cert" and "key"`);
  if (clientCa !== undefined && typeof clientCa !== "string")
    throw new TlsConfigError(`TLS_SECRET_ID ${secretId}: "clientCa" must be a PEM string`);
  return { cert, key, clientCa, source: `secret ${secretId}` };
}
