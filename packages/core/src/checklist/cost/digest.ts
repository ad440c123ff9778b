import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

const sha256 = (content: string | Uint8Array): string => createHash("sha256").update(content).digest("hex");

/**
 * The digest that identifies a template by content, not by path, so CI and a laptop agree: one
 * file's is its SHA-256 (`sha256sum` prints the same hex); several files' (a cdk.out, nested
 * stacks) is the SHA-256 of their sorted SHA-256s, one per line, whatever order they were read in.
 */
export const templateDigest = (contents: readonly (string | Uint8Array)[]): string => {
  if (contents.length === 1) return `sha256:${sha256(contents[0])}`;
  return `sha256:${sha256(contents.map(sha256).sort().join("\n"))}`;
};

/** The digest of the template files a run read (TemplateCheckOutcome.files, LoadedTemplates.files). */
export const digestTemplateFiles = async (paths: readonly string[]): Promise<string> =>
  templateDigest(await Promise.all(paths.map((path) => readFile(path))));
