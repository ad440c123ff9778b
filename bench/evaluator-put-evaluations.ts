/**
 * Counts the PutEvaluations calls the Config evaluator makes for a scheduled run over 1,000
 * resources (it must print 10: batches of at most 100). The calls go through a real SDK client to
 * the emulator (moto accepts PutEvaluations in test mode, hence the TESTMODE result token); the
 * inventory is 1,000 task definitions held in memory, so only batching is measured.
 *
 *   npx tsx bench/evaluator-put-evaluations.ts
 */
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { startEmulator } from "@readiness/devkit/emulator/moto";
import { evaluateConfigRuleEvent } from "@readiness/core/config-rules/evaluator";
import { Inventory } from "@readiness/core/checklist/inventory/inventory";
import { resource } from "@readiness/devkit/testing/builders";
import { machineLine } from "./support";

const RESOURCES = 1_000;

const taskDefinition = (index: number) =>
  resource("AWS::ECS::TaskDefinition", `arn:aws:ecs:us-east-1:123456789012:task-definition/api-${index}:1`, {
    Family: `api-${index}`,
    ContainerDefinitions: [
      {
        Name: "api",
        Image: "api@sha256:0",
        ReadonlyRootFilesystem: true,
        User: "1000",
        LinuxParameters: { Capabilities: { Drop: ["ALL"] } },
      },
    ],
  });

const scheduledEvent = {
  invokingEvent: JSON.stringify({
    messageType: "ScheduledNotification",
    notificationCreationTime: new Date().toISOString(),
  }),
  ruleParameters: JSON.stringify({ itemId: "container-hardening" }),
  resultToken: "TESTMODE",
  eventLeftScope: false,
  configRuleName: "readiness-container-hardening",
};

console.log(machineLine());
const emulator = await startEmulator();
try {
  const config = new ConfigServiceClient(sdkConfigFor(emulator.endpoint));
  let putEvaluationsCalls = 0;
  config.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "PutEvaluationsCommand") putEvaluationsCalls++;
      return next(args);
    },
    { step: "initialize", name: "countPutEvaluations" },
  );
  const inventory = new Inventory(
    Array.from({ length: RESOURCES }, (_, i) => taskDefinition(i)),
    "live",
  );
  const started = performance.now();
  const run = await evaluateConfigRuleEvent(scheduledEvent, {
    config,
    collect: async () => ({ inventory, unreadableTypes: new Map(), warnings: [] }),
  });
  const elapsed = performance.now() - started;
  console.log(`resources evaluated:       ${run.evaluations.length}`);
  console.log(`PutEvaluations calls:      ${putEvaluationsCalls}`);
  console.log(`evaluate + post (emulator): ${elapsed.toFixed(0)} ms`);
  // Config takes at most 100 evaluations per PutEvaluations call: fewer calls would be rejected.
  const fewest = Math.ceil(run.evaluations.length / 100);
  console.log(
    `${putEvaluationsCalls === fewest ? "PASS" : "MISS"}  PutEvaluations batching: ${putEvaluationsCalls} calls for ${run.evaluations.length} evaluations (expected ${fewest}: batches of at most 100)`,
  );
} finally {
  await emulator.stop();
}
