import { fileURLToPath } from "node:url";

/** The task service team's files, by absolute path, for whoever reaches the example through its package. */
export const EXAMPLE_SERVICE_FILES = {
  /** readiness.yml with the team's documents (compliant set), the teams and metrics jobs. */
  config: fileURLToPath(new URL("../readiness.yml", import.meta.url)),
  /** The same with the documents as first written: each document item fails for a realistic reason. */
  brokenConfig: fileURLToPath(new URL("../broken-documents/readiness.yml", import.meta.url)),
} as const;
