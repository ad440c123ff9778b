import type { FinalizeHandlerArguments, HandlerExecutionContext, InitializeHandlerArguments } from "@smithy/types";
import { formatDuration } from "../../../kernel/backoff";
import type { LiveDeadline } from "./deadline";
import { FATAL_CODES, LiveEndpointError, NO_ANSWER } from "./errors";

/** How long one attempt of one request may take; the SDK's own default is forever. */
export interface LiveTimeouts {
  /** To establish the TCP (and TLS) connection. */
  readonly connectMs: number;
  /** From sending the request to the answer's headers, and the longest silence while the body streams. */
  readonly requestMs: number;
}

/**
 * Generous for AWS, whose describe calls answer in well under a second, and short enough that an
 * endpoint that never answers ends the run: six attempts of 15 s, about 95 s with the backoff,
 * within the CLI's default deadline and the Config evaluator's 5-minute Lambda timeout.
 */
export const DEFAULT_LIVE_TIMEOUTS: LiveTimeouts = { connectMs: 5_000, requestMs: 15_000 };

/** The SDK's request handler options for these timeouts (a timed-out request fails instead of only warning). */
export const requestHandlerOptions = (timeouts: LiveTimeouts) => ({
  connectionTimeout: timeouts.connectMs,
  requestTimeout: timeouts.requestMs,
  socketTimeout: timeouts.requestMs,
  throwOnRequestTimeout: true,
});

export interface RequestWatch {
  /** The IAM prefix of the client's service (`ecs`), so actions read like the rest of the adapter's: `ecs:ListClusters`. */
  readonly prefix: string;
  readonly timeouts: LiveTimeouts;
  readonly deadline?: LiveDeadline;
  /**
   * The endpoints that have answered anything in this run (shared by every client of one
   * createLiveClients call). An endpoint that has answered nothing and lets one attempt time out
   * is taken for dead: the request fails at once, naming it, instead of being retried five more
   * times (about 95 s). An endpoint that has answered before is retried as usual.
   */
  readonly answered?: Set<string>;
}

/** Where this send's latest attempt went, shared between the two middlewares through the send's context. */
const ENDPOINT = "readinessEndpoint";
type WatchedContext = HandlerExecutionContext & { [ENDPOINT]?: string };

/**
 * Adds two middlewares to an SDK client. Per attempt (inside the retries): the endpoint the request
 * goes to, tracked by the deadline while it waits, and no attempt once the run has stopped. Around
 * the whole send (outside the retries): the deadline, and a network failure that outlasted the
 * retries turned into a LiveEndpointError naming the endpoint and the action.
 */
export const watchRequests = <T>(client: T, watch: RequestWatch): T => {
  const stack = (client as { middlewareStack: { add(middleware: unknown, options: object): void } }).middlewareStack;
  const actionOf = (context: HandlerExecutionContext): string =>
    `${watch.prefix}:${(context.commandName ?? "?").replace(/Command$/, "")}`;

  const perAttempt =
    (next: (args: FinalizeHandlerArguments<object>) => Promise<unknown>, context: WatchedContext) =>
    async (args: FinalizeHandlerArguments<object>): Promise<unknown> => {
      const stopped = watch.deadline?.stopped;
      if (stopped) throw stopped;
      const endpoint = originOf(args.request);
      if (endpoint) context[ENDPOINT] = endpoint;
      const done = endpoint ? watch.deadline?.track(endpoint, actionOf(context)) : undefined;
      try {
        const answer = await next(args);
        if (endpoint) watch.answered?.add(endpoint);
        return answer;
      } catch (error) {
        if (endpoint && watch.answered && hasAnswered(error)) watch.answered.add(endpoint);
        else if (endpoint && watch.answered && !watch.answered.has(endpoint) && isRequestTimeout(error))
          // No `cause` and not ETIMEDOUT: the SDK's retry classifier looks at both (and through
          // causes) and would retry a timeout; this error must end the request.
          throw new LiveEndpointError(
            endpoint,
            actionOf(context),
            NO_ANSWER,
            `no answer from ${endpoint} within ${formatDuration(watch.timeouts.requestMs)} (${actionOf(context)}); ` +
              "it has answered nothing in this run, so it is not retried",
          );
        throw error;
      } finally {
        done?.();
      }
    };

  const aroundSend =
    (next: (args: InitializeHandlerArguments<object>) => Promise<unknown>, context: WatchedContext) =>
    async (args: InitializeHandlerArguments<object>): Promise<unknown> => {
      const sent = next(args);
      try {
        return await (watch.deadline ? watch.deadline.race(sent) : sent);
      } catch (error) {
        const endpoint = context[ENDPOINT];
        if (error instanceof LiveEndpointError) throw error;
        throw (endpoint && unreachable(error, endpoint, actionOf(context), watch.timeouts)) || error;
      }
    };

  stack.add(perAttempt, { step: "finalizeRequest", priority: "low", name: "readinessRequestAttempt" });
  stack.add(aroundSend, { step: "initialize", priority: "high", name: "readinessRequestDeadline" });
  return client;
};

/** An error the endpoint sent (any HTTP status, however bad): it is alive. */
const hasAnswered = (error: unknown): boolean =>
  (error as NetworkErrorShape | null)?.$metadata?.httpStatusCode !== undefined;

/** The attempt connected, then heard nothing within the request timeout (a refused or slow connect is not this). */
const isRequestTimeout = (error: unknown): boolean => {
  const shape = (error ?? {}) as NetworkErrorShape;
  return shape.name === "TimeoutError" && !/without establishing a connection/i.test(shape.message ?? "");
};

/** `https://ecs.eu-west-1.amazonaws.com`, `http://127.0.0.1:5000`: what the user would call the endpoint. */
const originOf = (request: unknown): string | undefined => {
  const { protocol, hostname, port } = (request ?? {}) as { protocol?: string; hostname?: string; port?: number };
  if (!hostname) return undefined;
  return `${protocol ?? "https:"}//${hostname}${port ? `:${port}` : ""}`;
};

interface NetworkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  cause?: { code?: string };
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** A failure to reach the endpoint or to hear from it in time (not an answer, however bad), named; else undefined. */
const unreachable = (
  error: unknown,
  endpoint: string,
  action: string,
  timeouts: LiveTimeouts,
): LiveEndpointError | undefined => {
  if (typeof error !== "object" || error === null) return undefined;
  const shape = error as NetworkErrorShape;
  if (shape.$metadata?.httpStatusCode !== undefined) return undefined;
  const attempts = shape.$metadata?.attempts ?? 1;
  const tried = `${action}${attempts > 1 ? `, ${attempts} attempts` : ""}`;
  if (shape.name === "TimeoutError") {
    const connecting = /without establishing a connection/i.test(shape.message ?? "");
    const message = connecting
      ? `cannot connect to ${endpoint} within ${formatDuration(timeouts.connectMs)} (${tried})`
      : `no answer from ${endpoint} within ${formatDuration(timeouts.requestMs)} (${tried})`;
    return new LiveEndpointError(endpoint, action, "ETIMEDOUT", message, { cause: error });
  }
  const code = shape.code ?? shape.cause?.code;
  if (code && FATAL_CODES.has(code))
    return new LiveEndpointError(endpoint, action, code, `cannot reach ${endpoint}: ${code}`, { cause: error });
  return undefined;
};
