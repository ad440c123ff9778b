/**
 * What a cold Config evaluator pays in all, per checklist item: module init plus the first
 * invocation. The evaluator loads each item's rules, the collectors of the types they read and
 * those collectors' SDK packages on first use (checklist/catalogue/loaders.ts, checklist/adapters/live/collectors.ts), so
 * `lambda-init` alone no longer shows it: this runs the deployed bundle (SDK external) in a fresh
 * `node` process per item and run, against the emulator holding the compliant example platform,
 * with a scheduled notification in test mode (the heaviest message: it collects every resource of
 * the rule's types). "first call" is the handler's time, network to the emulator included; "load"
 * is the part of it spent importing lazy chunks and SDK packages, timed by a second invocation in
 * the same process (warm: nothing left to load).
 *
 *   npx tsx bench/evaluator-cold-invocation.ts
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { provisionPlatform } from "@readiness/example-task-platform/provision/index";
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { createGateTables, DEMO_TABLES } from "@readiness/devkit/demo/tables";
import { sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { startEmulator } from "@readiness/devkit/emulator/moto";
import { bundleEntry, FUNCTIONS_DIR, LAMBDA_LIKE_ENV } from "./lambda-build";
import { machineLine, median, ms } from "./support";

const RUNS = 3;
const REGION = "us-east-1";
const CONFIG_ITEMS = CHECKLIST.filter((item) => item.kinds.includes("config")).map((item) => item.id);

interface ColdRun {
  readonly init: number;
  readonly first: number;
  readonly warm: number;
  readonly evaluations: number;
}

const scheduledEvent = (itemId: string) => ({
  invokingEvent: JSON.stringify({
    messageType: "ScheduledNotification",
    notificationCreationTime: new Date().toISOString(),
  }),
  ruleParameters: JSON.stringify({ itemId }),
  resultToken: "TESTMODE",
  eventLeftScope: false,
  configRuleName: `readiness-${itemId}`,
  accountId: "123456789012",
});

/**
 * One fresh process: import, first call, warm call. Asynchronous on purpose: the emulator logs each
 * request to a pipe this process drains, and a blocking spawn would stall it once the pipe filled.
 */
const coldRun = (bundleFile: string, endpoint: string, itemId: string): Promise<ColdRun> => {
  const event = JSON.stringify(scheduledEvent(itemId));
  const script = [
    `let t=performance.now();const {handler}=await import(${JSON.stringify(pathToFileURL(bundleFile).href)});`,
    "const init=performance.now()-t;",
    `t=performance.now();const r=await handler(${event});const first=performance.now()-t;`,
    `t=performance.now();await handler(${event});const warm=performance.now()-t;`,
    "process.stdout.write(JSON.stringify({init,first,warm,evaluations:r.evaluations}));",
  ].join("");
  const env = {
    PATH: process.env.PATH,
    ...LAMBDA_LIKE_ENV,
    AWS_ENDPOINT_URL: endpoint,
    RESULTS_TABLE_NAME: DEMO_TABLES.results,
    POWERTOOLS_LOG_LEVEL: "ERROR",
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { env, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => {
        if (!error) return resolve(JSON.parse(stdout) as ColdRun);
        // The SDK warns that node 20 will lose support: show the error line, not the warning.
        const line = stderr.split("\n").find((l) => /Error\b/.test(l)) ?? error.message.split("\n")[0];
        reject(new Error(`${itemId}: the handler failed: ${line}`));
      },
    );
  });
};

console.log(machineLine());
const emulator = await startEmulator();
try {
  const started = performance.now();
  await provisionPlatform({ variant: "compliant", endpoint: emulator.endpoint, region: REGION });
  await createGateTables(new DynamoDBClient(sdkConfigFor(emulator.endpoint, REGION)));
  console.log(`compliant example platform provisioned in the emulator (${ms(performance.now() - started)})`);
  const bundle = await bundleEntry(join(FUNCTIONS_DIR, "config-evaluator.ts"), true);
  console.log(`config-evaluator cold: median of ${RUNS} fresh processes per item; scheduled notification, TESTMODE`);
  console.log(
    [
      "item".padEnd(22),
      "init".padStart(9),
      "first call".padStart(11),
      "load".padStart(9),
      "warm call".padStart(10),
      "init + first".padStart(13),
      "evaluations".padStart(12),
    ].join(" "),
  );
  const totals: number[] = [];
  for (const itemId of CONFIG_ITEMS) {
    const runs: ColdRun[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await coldRun(bundle.file, emulator.endpoint, itemId));
    const init = median(runs.map((r) => r.init));
    const first = median(runs.map((r) => r.first));
    const warm = median(runs.map((r) => r.warm));
    const total = median(runs.map((r) => r.init + r.first));
    totals.push(total);
    console.log(
      [
        itemId.padEnd(22),
        ms(init).padStart(9),
        ms(first).padStart(11),
        ms(Math.max(0, first - warm)).padStart(9),
        ms(warm).padStart(10),
        ms(total).padStart(13),
        String(runs[0].evaluations).padStart(12),
      ].join(" "),
    );
  }
  console.log(`init + first call over the items: median ${ms(median(totals))}, max ${ms(Math.max(...totals))}`);
} finally {
  await emulator.stop();
}
