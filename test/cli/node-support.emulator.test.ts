import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "@readiness/devkit/emulator/moto";
import { BIN, REPO } from "./helpers";

const WARNING_SWITCH = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/** The real bin with the SDK's warning switch absent from the environment, as on a user's machine. */
const runWithoutSwitch = (args: readonly string[]): Promise<{ code: number; stderr: string }> => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "", AWS_ENDPOINT_URL: "" };
  delete env[WARNING_SWITCH];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO, env }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? -1) : 0, stderr }),
    );
  });
};

// The AWS SDK warns under Node < 22 on every run; the CLI supports Node 20 and keeps it quiet there.
describe("readiness on the supported Node versions", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it(`Compliance: a live check on Node ${process.versions.node} prints no AWS SDK Node version warning`, async () => {
    const result = await runWithoutSwitch([
      "check",
      "--live",
      "--endpoint-url",
      emulator.endpoint,
      "--only",
      "dlq-coverage",
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|will require node/);
  });
});
