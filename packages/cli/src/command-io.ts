import { writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import type { ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { SmokeTls } from "@readiness/core/gate/smoke/types";
import { UsageError } from "@readiness/core/kernel/errors";
import type { Command } from "commander";
import type { CliIo } from "./io";

/** The flags that say how a command reaches AWS. */
export interface AwsAccessFlags {
  readonly region?: string;
  readonly profile?: string;
  /** An AWS-compatible endpoint (the emulator); AWS_ENDPOINT_URL when not given (see awsEndpointOf). */
  readonly endpointUrl?: string;
}

/** The AWS-compatible endpoint: --endpoint-url, else AWS_ENDPOINT_URL, else none (AWS itself). */
export const awsEndpointOf = (flags: { readonly endpointUrl?: string }, io: CliIo): string | undefined =>
  flags.endpointUrl ?? (io.env.AWS_ENDPOINT_URL || undefined);

/** A progress line on stderr ("… message") when `shown`: a terminal, or the user asked for it. */
export const progressLines =
  (io: CliIo, shown: boolean) =>
  (message: string): void => {
    if (shown) io.stderr(`… ${message}\n`);
  };

/**
 * A --template path relative to the process's working directory: the adapter opens it, and
 * reports show it as the user wrote it (an absolute one stays as it is).
 */
export const templatePathOf = (template: string, io: CliIo): string =>
  isAbsolute(template) ? template : relative(process.cwd(), resolve(io.cwd, template)) || ".";

/** Writes a command's --output file; a file that cannot be written is a usage error naming it. */
export const writeOutputFile = async (io: CliIo, output: string, text: string, what: string): Promise<void> => {
  try {
    await writeFile(resolve(io.cwd, output), text, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot write ${what} to ${output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      undefined,
      "pass a writable file path to --output",
      { cause: error },
    );
  }
};

/** The client-certificate options of the commands that call a task API (smoke, load, the drills). */
export const withClientTlsOptions = (command: Command): Command =>
  command
    .option("--cert <file>", "client certificate (PEM) for mutual TLS; needs --key")
    .option("--key <file>", "client private key (PEM)")
    .option("--ca <file>", "CA certificate (PEM) that signed the server's certificate")
    .option("--tls-secret <id>", 'Secrets Manager secret holding {"cert", "key", "ca"?} (instead of --cert/--key)');

/** The flags withClientTlsOptions adds. */
export interface ClientTlsFlags {
  cert?: string;
  key?: string;
  ca?: string;
  tlsSecret?: string;
}

/** The client certificate the TLS flags give (none given: undefined); a secret and files at once is a usage error. */
export const clientTlsOf = (flags: ClientTlsFlags): SmokeTls | undefined => {
  if (flags.tlsSecret !== undefined && (flags.cert !== undefined || flags.key !== undefined))
    throw new UsageError(
      "--tls-secret and --cert/--key both give a client certificate",
      undefined,
      "pass either --tls-secret ID or --cert FILE --key FILE",
    );
  const tls: SmokeTls = {
    ...(flags.cert !== undefined ? { certFile: flags.cert } : {}),
    ...(flags.key !== undefined ? { keyFile: flags.key } : {}),
    ...(flags.ca !== undefined ? { caFile: flags.ca } : {}),
    ...(flags.tlsSecret !== undefined ? { secretId: flags.tlsSecret } : {}),
  };
  return Object.keys(tls).length > 0 ? tls : undefined;
};

/** The readiness.yml service a --service flag names: by its name first, else by its ECS service. */
export const serviceNamedBy = (
  config: ReadinessConfig,
  flag: string | undefined,
): ReadinessConfig["services"][number] | undefined =>
  flag === undefined
    ? undefined
    : (config.services.find((s) => s.name === flag) ?? config.services.find((s) => s.service === flag));
