import { readFile, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { escapePath, glob, isDynamicPattern } from "tinyglobby";
import { mapBounded } from "../../adapters/live/semaphore";
import type { DocumentKey } from "../../config/documents-schema";
import type { DocumentFile, DocumentFinding } from "../types";

/** The files one `documents` key matched, and what went wrong finding or reading them. */
export interface KeyFiles {
  /** Whether readiness.yml sets the key: an unset key decides nothing, a set one that matches nothing fails. */
  readonly configured: boolean;
  readonly files: readonly DocumentFile[];
  /** Failing findings: a pattern that matches no file, a file that cannot be read. */
  readonly problems: readonly DocumentFinding[];
}

export const NOT_CONFIGURED: KeyFiles = { configured: false, files: [], problems: [] };

const asList = (value: string | readonly string[]): readonly string[] => (typeof value === "string" ? [value] : value);

/** Paths as the user knows them: relative to the readiness.yml folder, forward slashes. */
const shown = (root: string, absolute: string): string => relative(root, absolute).split(sep).join("/");

const isDirectory = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
};

/** Files read at once: enough to keep the thread pool busy, far below any file-descriptor limit. */
const READ_CONCURRENCY = 16;

/**
 * Reads the files a `documents` key names: each entry a path or a glob relative to `root` (the
 * readiness.yml folder). An entry that is a folder stands for the files under it with one of
 * `folderExtensions` (the runbooks folder: its Markdown). Files are read in path order, each once.
 */
export const readKeyFiles = async (
  root: string,
  key: DocumentKey,
  value: string | readonly string[] | undefined,
  folderExtensions: readonly string[] = [],
): Promise<KeyFiles> => {
  if (value === undefined) return NOT_CONFIGURED;
  const problems: DocumentFinding[] = [];
  const found = new Set<string>();
  for (const entry of asList(value)) {
    const absolute = isAbsolute(entry) ? entry : resolve(root, entry);
    let patterns = [isDynamicPattern(entry) ? entry : escapePath(entry)];
    const folder = !isDynamicPattern(entry) && (await isDirectory(absolute));
    if (folder) {
      if (folderExtensions.length === 0) {
        problems.push({
          status: "fail",
          reason: `documents.${key}: ${entry} is a folder; name the file (or a glob such as ${entry.replace(/\/?$/, "/*.yaml")})`,
          place: { file: entry },
        });
        continue;
      }
      patterns = folderExtensions.map((extension) => `${escapePath(entry.replace(/\/+$/, ""))}/**/*${extension}`);
    }
    const matched = await glob(patterns, {
      cwd: root,
      absolute: true,
      dot: true,
      onlyFiles: true,
      expandDirectories: false,
    });
    if (matched.length === 0) {
      const what = folder ? `holds no ${folderExtensions.join(" or ")} file` : "matches no file";
      problems.push({
        status: "fail",
        reason: `documents.${key}: ${entry} ${what} (paths are relative to the folder of readiness.yml, ${root})`,
        place: { file: entry },
      });
      continue;
    }
    for (const path of matched) found.add(path);
  }
  // Read several at a time, not one after another: a rule folder holds hundreds of files, and each
  // read is a few round trips to the thread pool. Bounded, so a huge glob does not run out of file
  // descriptors (EMFILE). The results keep path order.
  const reads = await mapBounded(
    [...found].sort(),
    READ_CONCURRENCY,
    async (path): Promise<DocumentFile | { name: string; reason: string }> => {
      const name = shown(root, path);
      try {
        return { path: name, text: await readFile(path, "utf8") };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { name, reason: `documents.${key}: cannot read ${name}: ${code ?? (error as Error).message}` };
      }
    },
  );
  const files: DocumentFile[] = [];
  for (const read of reads) {
    if ("text" in read) files.push(read);
    else problems.push({ status: "fail", reason: read.reason, place: { file: read.name } });
  }
  return { configured: true, files, problems };
};
