import { fileURLToPath } from "node:url";

/** The example platform's files, by absolute path, for whoever reaches the example through its package. */
export const EXAMPLE_PLATFORM_FILES = {
  config: fileURLToPath(new URL("./readiness.yml", import.meta.url)),
  compliantTemplate: fileURLToPath(new URL("./compliant.yaml", import.meta.url)),
  brokenTemplate: fileURLToPath(new URL("./broken.yaml", import.meta.url)),
  /** The items and resources the broken template fails, both ways (the parity and variant tests). */
  expectedBrokenFindings: fileURLToPath(new URL("./expected/broken.json", import.meta.url)),
} as const;
