import { readdirSync } from "node:fs";
import { extname, join } from "node:path";

export const TEMPLATE_EXTENSIONS: ReadonlySet<string> = new Set([".json", ".yaml", ".yml", ".template"]);

/** Folders a template search never enters: dependencies, VCS and tool state, CDK asset bundles. */
const SKIPPED_FOLDER = /^(node_modules|\..*|asset\..*)$/;

/** cdk.out / SST build files that are never templates. */
export const NOT_TEMPLATE_FILE = /^(manifest\.json|tree\.json|cdk\.out|.*\.assets\.json|.*\.metadata\.json)$/;

/** How deep a search goes below its root: a repository's templates live a few folders down, not twenty. */
const MAX_DEPTH = 12;

export interface FolderEntries {
  /** Files with a template extension, sorted by path. */
  readonly files: string[];
  /** Cloud assemblies (folders with a cdk manifest.json) met on the way; they are read through their manifests. */
  readonly assemblies: string[];
}

/**
 * Every file under a folder that could be a template, in every subfolder: a repository keeps its
 * nested templates in `infrastructure/`, `services/orders/`. A cloud assembly met inside
 * (`infra/cdk.out`) is not walked as files: its manifest says what it holds.
 */
export const filesUnder = (root: string, isAssembly: (folder: string) => boolean): FolderEntries => {
  const files: string[] = [];
  const assemblies: string[] = [];
  const walk = (folder: string, depth: number): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDER.test(entry.name) || depth >= MAX_DEPTH) continue;
        if (isAssembly(path)) assemblies.push(path);
        else walk(path, depth + 1);
      } else if (
        entry.isFile() &&
        TEMPLATE_EXTENSIONS.has(extname(entry.name).toLowerCase()) &&
        !NOT_TEMPLATE_FILE.test(entry.name)
      )
        files.push(path);
    }
  };
  walk(root, 0);
  return { files, assemblies };
};
