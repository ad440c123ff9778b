/**
 * Behaviour-preservation check for refactors (issue 9's "byte-identical" promise): runs
 * `readiness check --format json` of each given checkout on the example platform's two templates,
 * and `readiness check --live --format json` against the same two provisioned emulator platforms
 * (one moto server per variant, provisioned once and shared by every checkout, so resource ids
 * match), then writes each checkout's outputs under OUT/<label>/ for `diff -r`.
 *
 *   npx tsx scripts/compare-check-outputs.ts OUT label=/path/to/checkout [label=/path …]
 *   diff -r OUT/before OUT/after
 *
 * Each checkout needs its own node_modules (a copy is fine: the workspace links are relative).
 * The JSON report has no timing fields; anything that differs is a behaviour change.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { startEmulator } from "@readiness/devkit/emulator/moto";
import { platformClients, provisionPlatform, standInForEcsScheduler } from "@readiness/example-task-platform/provision/index";

const run = promisify(execFile);
const REGION = "us-east-1";
const VARIANTS = ["compliant", "broken"] as const;
const CONFIG = "examples/task-platform/readiness.yml";

const [outDir, ...targets] = process.argv.slice(2);
if (!outDir || targets.length === 0 || targets.some((t) => !t.includes("="))) {
  process.stderr.write("usage: tsx scripts/compare-check-outputs.ts OUT label=/path/to/checkout [label=/path …]\n");
  process.exit(2);
}

const readiness = async (checkout: string, args: string[]): Promise<string> => {
  try {
    const { stdout } = await run(process.execPath, [join(checkout, "packages/cli/bin/readiness.js"), ...args], {
      cwd: checkout,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: "1", AWS_ENDPOINT_URL: "", READINESS_CLI_BUNDLE: "off" },
    });
    return stdout;
  } catch (error) {
    // Exit 1 (an item failed) is an answer, not an error: its stdout is the report.
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (failed.code === 1 && failed.stdout) return failed.stdout;
    throw new Error(`readiness ${args.join(" ")} in ${checkout}: exit ${failed.code}\n${failed.stderr ?? ""}`);
  }
};

const emulators = await Promise.all(VARIANTS.map(() => startEmulator()));
try {
  for (const [index, variant] of VARIANTS.entries()) {
    const endpoint = emulators[index]!.endpoint;
    process.stderr.write(`provisioning the ${variant} platform on ${endpoint}\n`);
    const platform = await provisionPlatform({ variant, endpoint, region: REGION });
    const clients = platformClients({
      endpoint,
      region: REGION,
      credentials: sdkConfigFor(endpoint, REGION).credentials,
    });
    try {
      await standInForEcsScheduler(endpoint, clients, platform);
    } finally {
      for (const client of Object.values(clients)) client.destroy();
    }
  }
  for (const target of targets) {
    const [label, path] = target.split("=") as [string, string];
    const checkout = resolve(path);
    const dir = join(outDir, label);
    mkdirSync(dir, { recursive: true });
    for (const [index, variant] of VARIANTS.entries()) {
      process.stderr.write(`${label}: ${variant} template and live\n`);
      const template = `examples/task-platform/${variant}.yaml`;
      writeFileSync(
        join(dir, `template-${variant}.json`),
        await readiness(checkout, ["check", "--template", template, "--config", CONFIG, "--format", "json"]),
      );
      const endpoint = emulators[index]!.endpoint;
      const live = await readiness(checkout, [
        "check",
        "--live",
        "--endpoint-url",
        endpoint,
        "--region",
        REGION,
        "--config",
        CONFIG,
        "--format",
        "json",
      ]);
      // The emulator's port is the only part of the output that is the run's, not the code's.
      writeFileSync(join(dir, `live-${variant}.json`), live.replaceAll(endpoint, "http://EMULATOR"));
    }
  }
} finally {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
}
process.stderr.write(`written under ${outDir}; compare with: diff -r ${outDir}/<label> ${outDir}/<label>\n`);
