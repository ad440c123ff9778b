import { readFile } from "node:fs/promises";
import { ReadinessError } from "../../kernel/errors";
import { SmokeConfigError } from "./errors";
import type { ClientTlsMaterial } from "./transport";
import type { SmokeTls } from "./types";

/** Fetches a secret's string value (Secrets Manager `SecretString`) by id. */
export type SecretLoader = (secretId: string) => Promise<string>;

/** The secret could not be fetched (network, permissions): the run is INCONCLUSIVE, not a usage error. */
export class SecretUnavailableError extends ReadinessError {}

export interface TlsMaterialIo {
  readonly readFile?: (path: string) => Promise<Buffer>;
  readonly loadSecret?: SecretLoader;
}

/**
 * Reads the client TLS material of a target: PEM files, or a Secrets Manager secret JSON
 * `{"cert", "key", "ca"?}` (a `caFile` may add the CA to a secret's pair). Values never appear in
 * errors: only file paths and the secret id do.
 */
export const loadClientTls = async (
  tls: SmokeTls | undefined,
  io: TlsMaterialIo = {},
): Promise<ClientTlsMaterial | undefined> => {
  if (!tls || (!tls.caFile && !tls.certFile && !tls.keyFile && !tls.secretId)) return undefined;
  const read = io.readFile ?? readFile;
  if (Boolean(tls.certFile) !== Boolean(tls.keyFile))
    throw new SmokeConfigError(
      `a client certificate needs both a certificate and a key file (got only the ${tls.certFile ? "certificate" : "key"})`,
      undefined,
      "pass both --cert FILE and --key FILE (tls.certFile and tls.keyFile)",
    );
  if (tls.secretId && tls.certFile)
    throw new SmokeConfigError(
      `tls.secretId (${tls.secretId}) and tls.certFile both give a client certificate`,
      undefined,
      "keep one of them",
    );
  const ca = tls.caFile ? await pem(read, tls.caFile, "CA") : undefined;
  if (tls.secretId) return { ...(await fromSecret(tls.secretId, io.loadSecret)), ...(ca ? { ca } : {}) };
  return {
    ca,
    cert: tls.certFile ? await pem(read, tls.certFile, "client certificate") : undefined,
    key: tls.keyFile ? await pem(read, tls.keyFile, "client key") : undefined,
  };
};

const pem = async (read: (path: string) => Promise<Buffer>, file: string, what: string): Promise<Buffer> => {
  let content: Buffer;
  try {
    content = await read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SmokeConfigError(
      `cannot read the ${what} file ${file}: ${code === "ENOENT" ? "file not found" : String(error)}`,
      { file },
      "pass the path of a PEM file",
      { cause: error },
    );
  }
  if (!content.toString("utf8").includes("-----BEGIN "))
    throw new SmokeConfigError(`the ${what} file ${file} is not PEM`, { file }, "pass a PEM file (-----BEGIN …-----)");
  return content;
};

const fromSecret = async (secretId: string, load: SecretLoader | undefined): Promise<ClientTlsMaterial> => {
  if (!load)
    throw new SmokeConfigError(
      `tls.secretId ${secretId} needs a secret loader`,
      undefined,
      "pass deps.loadSecret (e.g. secretsManagerLoader(client))",
    );
  let text: string;
  try {
    text = await load(secretId);
  } catch (error) {
    throw new SecretUnavailableError(`cannot fetch secret ${secretId}: ${(error as Error).message ?? error}`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SmokeConfigError(`secret ${secretId} is not JSON`, undefined, 'store {"cert": PEM, "key": PEM, "ca"?: PEM}');
  }
  const { cert, key, ca } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof cert !== "string" || typeof key !== "string" || (ca !== undefined && typeof ca !== "string"))
    throw new SmokeConfigError(
      `secret ${secretId} needs string fields "cert" and "key" (and optionally "ca")`,
      undefined,
      'store {"cert": PEM, "key": PEM, "ca"?: PEM}',
    );
  return { cert: Buffer.from(cert), key: Buffer.from(key), ca: typeof ca === "string" ? Buffer.from(ca) : undefined };
};
