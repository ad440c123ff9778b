import type { CheckOutcome } from "@readiness/core/checklist/check/check-inventory";
import type { LiveCheckInput } from "@readiness/core/checklist/check/check-live";
import type { ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import type { GateOverrides } from "@readiness/core/gate/gate/clients";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { Emulator } from "../emulator/moto";

/** The example task service as the demo drives it (examples/task-service `startTaskService`). */
export interface DemoTaskService {
  readonly httpUrl: string;
  readonly grpcTarget: string;
  /** Process ids of the API, worker and DLQ processor now running. */
  pids(): number[];
  /** The worker process running now (a stopped one is replaced when the service was started so). */
  workerPid(): number;
  /** Stops the processes and starts them again as another revision (same ports). */
  restart(change: { revision: string; fault: string }): Promise<void>;
  stop(): Promise<void>;
}

/** A property the template sets that the emulator cannot hold (it lacks the API, or drops the value). */
export interface EmulatorGap {
  /** The template's logical id. */
  readonly resource: string;
  /** The resource's ARN or id on the emulator, when it was created: findings name resources by it. */
  readonly physicalId?: string;
  readonly property: string;
  readonly reason: string;
}

/** What provisioning the example platform reports (examples/task-platform/provision). */
export interface DemoPlatform {
  readonly stackName: string;
  readonly gaps: readonly EmulatorGap[];
  /** What the demo did on the emulator's behalf (e.g. stood in for ECS's scheduler), printed as it is. */
  readonly notes?: readonly string[];
}

export type GateHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The parts the demo plays with that live outside core (the example service and platform, the
 * Lambda handler): the CLI passes them in, so core never imports examples or functions.
 */
export interface DemoDeps {
  readonly startEmulator?: () => Promise<Emulator>;
  readonly provisionPlatform: (endpoint: string, region: string) => Promise<DemoPlatform>;
  readonly startTaskService: (options: {
    endpoint: string;
    region: string;
    revision: string;
    fault: string;
    /** More environment for every process (e.g. the API's TLS material). */
    env?: Readonly<Record<string, string>>;
    /** Every line a process writes, as it writes it (the demo ships them to CloudWatch Logs). */
    onLine?: (role: string, line: string) => void;
    /** Start a new worker when one exits (ECS replaces a stopped task): the drills stop workers. */
    replaceStoppedWorker?: boolean;
  }) => Promise<DemoTaskService>;
  /**
   * A copy of the API at the same revision whose tasks stay in memory (examples/task-service's
   * memory backend): the load test's target, because the emulator serializes every AWS call and
   * could not take 500 submits a second. Needed by the full story, not by `quick`.
   */
  readonly startLoadStand?: (options: {
    revision: string;
    env: Readonly<Record<string, string>>;
  }) => Promise<{ readonly httpUrl: string; stop(): Promise<void> }>;
  /** Runs one `readiness` command in this process (the CLI's own program): how the story gathers evidence. */
  readonly runReadiness?: (argv: readonly string[]) => Promise<CommandRun>;
  /**
   * Imports the deployment gate's Lambda handler once `env` is in the process environment: the
   * handler reads its settings (tables, bus, readiness.yml) at cold start, as it does in Lambda.
   */
  /** The deployment gate function, constructed with the demo's clients and step hook. */
  readonly loadGateHandler: (env: Readonly<Record<string, string>>, overrides: GateOverrides) => Promise<GateHandler>;
  readonly checkLive?: (input: LiveCheckInput) => Promise<CheckOutcome>;
}

/** What one `readiness` command printed, and its exit code. */
export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The example's files the full story publishes from. */
export interface DemoFiles {
  /** The task service team's readiness.yml, with its documents (examples/task-service/readiness.yml). */
  readonly serviceConfig: string;
  /** The template the platform was provisioned from (examples/task-platform/compliant.yaml). */
  readonly template: string;
}

export interface DemoOptions {
  readonly write: (text: string) => void;
  readonly color: boolean;
  /** The example platform's readiness.yml; the demo adds the API's smoke endpoint. */
  readonly config: ReadinessConfig;
  /** Keep the emulator and the service up after the story until `signal` fires. */
  readonly keep?: boolean;
  /** Show the gate function's own JSON logs. */
  readonly verbose?: boolean;
  /** Ctrl-C / SIGTERM: stop everything started so far and end. */
  readonly signal?: AbortSignal;
  readonly region?: string;
  /**
   * The short story only: the deployments and the checklist, without gathering evidence (no
   * mTLS, no published documents, no load test, no drills, no shipped logs).
   */
  readonly quick?: boolean;
  /** Needed by the full story: the files it publishes the documents from. */
  readonly files?: DemoFiles;
}

export interface DemoResult {
  /** The story played as expected. */
  readonly ok: boolean;
  /** Why not (empty when ok). */
  readonly problem?: string;
  readonly interrupted: boolean;
  /** The final checklist, when the story got that far. */
  readonly report?: CheckReport;
}
