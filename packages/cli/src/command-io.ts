import { writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { UsageError } from "@readiness/core/kernel/errors";
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
