import {
  type CloudWatchLogsClient,
  CreateLogStreamCommand,
  type InputLogEvent,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-cloudwatch-logs";
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { DemoError } from "./errors";

/** Where the awslogs driver of one ECS service sends its container's lines. */
export interface LogDestination {
  readonly group: string;
  /** `awslogs-stream-prefix/container`: ECS appends the task's id; the demo appends "local". */
  readonly streamPrefix: string;
}

/**
 * What each ECS service's task definition tells the awslogs log driver: its log group and stream
 * prefix. Read from the emulator's ECS, so the lines land where readiness (and an operator) will
 * look for them.
 */
export const awslogsDestinationOf = async (
  ecs: ECSClient,
  cluster: string,
  service: string,
): Promise<LogDestination> => {
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const taskDefinition = described.services?.[0]?.taskDefinition;
  if (!taskDefinition) throw new DemoError(`ECS service ${cluster}/${service} was not found on the emulator`);
  const definition = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
  const container = definition.taskDefinition?.containerDefinitions?.find(
    (c) => c.logConfiguration?.logDriver === "awslogs",
  );
  const group = container?.logConfiguration?.options?.["awslogs-group"];
  if (!container?.name || !group)
    throw new DemoError(`the task definition of ${cluster}/${service} has no container logging with awslogs`);
  const prefix = container.logConfiguration?.options?.["awslogs-stream-prefix"];
  return { group, streamPrefix: prefix ? `${prefix}/${container.name}` : container.name };
};

/** CloudWatch Logs takes at most 10,000 events (and 1 MB) per PutLogEvents call. */
const MAX_EVENTS_PER_PUT = 1_000;
const FLUSH_EVERY_MS = 1_000;

/**
 * Stands in for ECS's awslogs log driver on the demo's local processes: each line a process writes
 * goes, with the time it was written, to its service's log group (PutLogEvents on the emulator),
 * in one stream per service. Lines are batched and sent once a second, and by `flush()`.
 */
export class LogShipper {
  private readonly pending = new Map<string, { destination: LogDestination; events: InputLogEvent[] }>();
  private readonly streams = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();
  private failure: unknown;
  private shipped = 0;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly destinations: ReadonlyMap<string, LogDestination>,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** One line a process of `role` wrote. Roles without a destination are not shipped. */
  line(role: string, message: string): void {
    const destination = this.destinations.get(role);
    if (!destination || message.trim() === "") return;
    const stream = `${destination.streamPrefix}/local`;
    const key = `${destination.group}\u0000${stream}`;
    const batch = this.pending.get(key) ?? { destination, events: [] };
    batch.events.push({ message, timestamp: Date.now() });
    this.pending.set(key, batch);
  }

  /** Sends everything written so far; fails with the first PutLogEvents error since the last flush. */
  async flush(): Promise<number> {
    this.sending = this.sending.then(() => this.sendPending());
    await this.sending;
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw new DemoError(`shipping the service's log lines to CloudWatch Logs failed: ${String(failure)}`);
    }
    return this.shipped;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async sendPending(): Promise<void> {
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, { destination, events }] of batches) {
      const stream = key.slice(key.indexOf("\u0000") + 1);
      try {
        await this.ensureStream(destination.group, stream);
        for (let start = 0; start < events.length; start += MAX_EVENTS_PER_PUT) {
          const chunk = events.slice(start, start + MAX_EVENTS_PER_PUT);
          await this.logs.send(
            new PutLogEventsCommand({ logGroupName: destination.group, logStreamName: stream, logEvents: chunk }),
          );
          this.shipped += chunk.length;
        }
      } catch (error) {
        this.failure ??= error;
      }
    }
  }

  private async ensureStream(group: string, stream: string): Promise<void> {
    const key = `${group}\u0000${stream}`;
    if (this.streams.has(key)) return;
    try {
      await this.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    } catch (error) {
      if (!(error instanceof ResourceAlreadyExistsException)) throw error;
    }
    this.streams.add(key);
  }
}
