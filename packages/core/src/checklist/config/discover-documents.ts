import { glob } from "tinyglobby";
import type { DocumentKey } from "./documents-schema";
import { CONVENTIONAL_PATHS } from "./starter";

/** The first conventional path of each document that exists under `root` (for `readiness init`). */
export const discoverDocuments = async (root: string): Promise<Partial<Record<DocumentKey, string>>> => {
  const found: Partial<Record<DocumentKey, string>> = {};
  for (const [key, candidates] of Object.entries(CONVENTIONAL_PATHS) as [DocumentKey, readonly string[]][])
    for (const candidate of candidates) {
      const pattern = candidate.endsWith("/") ? `${candidate}**/*.md` : candidate;
      const matches = await glob(pattern, { cwd: root, dot: true, onlyFiles: true, expandDirectories: false });
      if (matches.length > 0) {
        found[key] = candidate;
        break;
      }
    }
  return found;
};
