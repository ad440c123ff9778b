import type { GateStep } from "@readiness/core/gate/gate/index";
import type { Cleanup } from "./cleanup";
import { DemoError } from "./errors";
import { localLambdaContext, sqsDelivery } from "./events";
import { type ReceivedOutcome, takeOutcome } from "./outcomes";
import type { DemoWorld } from "./setup";
import { DEMO_TABLES } from "./tables";
import type { Timeline } from "./timeline";
import type { DemoDeps, GateHandler } from "./types";

/** The gate queue's ARN as the SQS records name it (the queue itself is not needed: the demo delivers). */
const GATE_QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:readiness-gate-deployments";
/** How long to wait for an outcome event in the queue; the gate emits it before its handler returns. */
const OUTCOME_WAIT_SECONDS = 5;
/** A duplicate must not emit: this is how long the demo listens to be sure. */
const SILENCE_WAIT_SECONDS = 2;

export interface Delivery {
  /** The gate's own steps, as it reported them (none for a delivery the idempotency layer answered). */
  readonly steps: readonly GateStep[];
  readonly outcome?: ReceivedOutcome;
}

/**
 * Delivers deployment events to the REAL deployment gate function (packages/functions
 * deployment-gate.ts) in this process, as its SQS queue would: same handler, same Powertools
 * idempotency on DynamoDB (the emulator's), same clients. Each gate step is printed as it happens.
 */
export class GateDriver {
  private steps: GateStep[] = [];

  private constructor(
    private readonly handler: GateHandler,
    private readonly world: DemoWorld,
  ) {}

  static async load(
    deps: DemoDeps,
    world: DemoWorld,
    timeline: Timeline,
    describe: (text: string) => string,
    options: { verbose: boolean; cleanup: Cleanup },
  ): Promise<GateDriver> {
    const env = {
      AWS_REGION: world.region,
      AWS_ENDPOINT_URL: world.emulator.endpoint,
      RESULTS_TABLE_NAME: DEMO_TABLES.results,
      IDEMPOTENCY_TABLE_NAME: DEMO_TABLES.idempotency,
      EVENT_BUS_NAME: "default",
      READINESS_CONFIG_JSON: JSON.stringify(world.gateConfig),
      POWERTOOLS_LOG_LEVEL: options.verbose ? "INFO" : "SILENT",
      POWERTOOLS_TRACE_ENABLED: "false",
    };
    let driver: GateDriver | undefined;
    const handler = await deps.loadGateHandler(env, {
      clients: world.clients,
      onStep: (step) => {
        driver?.steps.push(step);
        const line = describeStep(step);
        if (line) timeline.line("gate", describe(line));
      },
    });
    driver = new GateDriver(handler, world);
    return driver;
  }

  /** One SQS delivery of `event`; fails when the function reports the record as failed. */
  async deliver(event: unknown): Promise<Delivery> {
    this.steps = [];
    const response = await this.handler(
      sqsDelivery(event, GATE_QUEUE_ARN),
      localLambdaContext("readiness-deployment-gate"),
    );
    if (response.batchItemFailures.length > 0)
      throw new DemoError(
        "the gate function reported the delivery as failed (batchItemFailures); run with --verbose for its logs",
      );
    const steps = this.steps;
    const emitted = steps.some((s) => s.name === "outcome-emitted");
    const outcome = emitted
      ? await takeOutcome(this.world.clients.sqs, this.world.outcomeQueueUrl, OUTCOME_WAIT_SECONDS)
      : await takeOutcome(this.world.clients.sqs, this.world.outcomeQueueUrl, SILENCE_WAIT_SECONDS);
    if (emitted && !outcome)
      throw new DemoError(
        `the gate emitted an outcome event but none reached the queue within ${OUTCOME_WAIT_SECONDS} s (EventBridge rule → SQS)`,
      );
    return { steps, ...(outcome ? { outcome } : {}) };
  }
}

/** A gate step as one line of the story; "event-received" is implied by the delivery line. */
export const describeStep = (step: GateStep): string | undefined => {
  switch (step.name) {
    case "event-received":
      return undefined;
    case "revision-resolved":
      return `gate: DescribeServices says the service runs ${step.detail}`;
    case "smoke-started":
      return `gate: smoke test of ${step.detail} started`;
    case "smoke-finished":
      return `gate: smoke test ${step.detail}`;
    case "run-recorded":
      return "gate: run recorded in the results table";
    case "rollback-requested":
      return `gate: rollback requested: ${step.detail}`;
    case "rollback-skipped":
      return `gate: no rollback: ${step.detail}`;
    case "outcome-emitted":
      return `gate: outcome event put on the default bus (${step.detail})`;
    case "evaluation-started":
      return `gate: Config rule evaluation started (${step.detail})`;
  }
};
