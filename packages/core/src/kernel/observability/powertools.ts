import { Logger } from "@aws-lambda-powertools/logger";
import { Tracer } from "@aws-lambda-powertools/tracer";
import type { Context } from "aws-lambda";
import type { ClientWrapper } from "../sdk-clients";
import type { Log } from "./log";

/**
 * Logger and tracer of one function, configured once. Service name and log level come from the
 * Powertools environment variables when set (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL);
 * tracing is off when POWERTOOLS_TRACE_ENABLED=false (tests, local runs).
 */
export interface Observability {
  readonly logger: Logger;
  readonly tracer: Tracer;
  /** The logger as core's Log. */
  readonly log: Log;
  /** Traces each SDK client it wraps (see traced): what a function passes where its clients are created. */
  readonly tracedClient: ClientWrapper;
}

export const createObservability = (serviceName: string): Observability => {
  const logger = new Logger({ serviceName });
  const tracer = new Tracer({ serviceName });
  const log: Log = {
    debug: (message, attributes) => logger.debug(message, attributes ?? {}),
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
    appendKeys: (keys) => logger.appendKeys(keys),
  };
  return { logger, tracer, log, tracedClient: (client) => traced(tracer, client) };
};

/**
 * Runs one invocation with a clean set of per-invocation keys: whatever the previous (warm)
 * invocation appended is gone before this one logs, and this one's keys are gone after it.
 */
export const withInvocationKeys = async <T>(logger: Logger, work: () => Promise<T>): Promise<T> => {
  logger.resetKeys();
  try {
    return await work();
  } finally {
    logger.resetKeys();
  }
};

/**
 * A Lambda handler around `handle`: each invocation runs with a clean set of keys
 * (withInvocationKeys) and, when Lambda passes one, its context on every log line.
 */
export const invocationHandler =
  <E, R>(logger: Logger, handle: (event: E) => Promise<R>) =>
  (event: E, context?: Context): Promise<R> =>
    withInvocationKeys(logger, async () => {
      if (context) logger.addContext(context);
      return handle(event);
    });

/** Traces every call of an SDK v3 client (a no-op when tracing is disabled). */
export const traced = <T>(tracer: Tracer, client: T): T => tracer.captureAWSv3Client(client);
