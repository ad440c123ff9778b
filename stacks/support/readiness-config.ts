import { readFileSync } from "node:fs";
import { ConfigFileError, DEFAULT_CONFIG, type ReadinessConfig } from "@readiness/core";
import { findConfigFile, parseConfig } from "@readiness/core/checklist/config/load";

/**
 * readiness.yml for the deployment: `READINESS_CONFIG` when set (it must exist), else
 * ./readiness.yml when present, else the defaults. Read synchronously: SST functional stacks
 * chain with `app.stack(A).stack(B)` only when they are synchronous.
 */
export const readinessConfigForDeploy = (env: NodeJS.ProcessEnv = process.env): ReadinessConfig => {
  const file = findConfigFile(env.READINESS_CONFIG || undefined);
  if (file === undefined) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigFileError(
      `cannot read the readiness config for the deployment: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { file },
      "set READINESS_CONFIG to the path of a readiness.yml, or unset it to use ./readiness.yml or the defaults",
      { cause: error },
    );
  }
  return parseConfig(text, file);
};
