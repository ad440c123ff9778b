import { DEFAULT_LIVE_DEADLINE_MS } from "../adapters/live/deadline";
import type { LiveClients, LiveProgress, LiveTimeouts } from "../adapters/live/index";
import { explainLiveError } from "./live-errors";

type LiveModule = typeof import("../adapters/live/index");

export interface LiveSessionOptions {
  readonly region?: string;
  readonly profile?: string;
  /** Any AWS-compatible endpoint (moto, LocalStack). */
  readonly endpoint?: string;
  /** How long the whole session may take, in ms; default DEFAULT_LIVE_DEADLINE_MS. */
  readonly deadlineMs?: number;
  /** Per-attempt connection and answer timeouts (default DEFAULT_LIVE_TIMEOUTS). */
  readonly timeouts?: Partial<LiveTimeouts>;
  readonly onProgress?: (message: string) => void;
}

/** What a session's reads get: the live adapter module, its clients, and progress that stops with the deadline. */
export interface LiveSession {
  readonly live: LiveModule;
  readonly clients: LiveClients;
  readonly onProgress?: (message: string) => void;
}

/**
 * Runs `read` against a live account or endpoint, the way every live command does: the SDK-based
 * adapter loads lazily (template runs never pay for the AWS SDK), the whole read races the
 * deadline (naming the endpoint it waited on), SDK failures become input errors that say how to
 * fix them, and the clients' sockets are closed at the end, whatever happened.
 */
export const withLiveSession = async <T>(
  options: LiveSessionOptions,
  read: (session: LiveSession) => Promise<T>,
): Promise<T> => {
  const live = await import("../adapters/live/index");
  const deadline = new live.LiveDeadline(options.deadlineMs ?? DEFAULT_LIVE_DEADLINE_MS);
  const clients = live.createLiveClients({
    region: options.region,
    profile: options.profile,
    endpoint: options.endpoint,
    timeouts: options.timeouts,
    deadline,
  });
  // Reads still unwinding after the run stopped would report steps after the error.
  const onProgress =
    options.onProgress &&
    ((line: string): void => {
      if (!deadline.stopped) options.onProgress?.(line);
    });
  deadline.start(
    onProgress &&
      ((request, waitedMs) =>
        onProgress(
          `waiting for ${request.endpoint} (${request.action}): no answer for ${live.formatDeadline(waitedMs)}`,
        )),
  );
  try {
    return await deadline.race(read({ live, clients, onProgress }));
  } catch (error) {
    throw explainLiveError(error, options.endpoint, clients.source);
  } finally {
    deadline.end();
    // Open sockets would keep a short-lived CLI process alive.
    live.destroyLiveClients(clients);
  }
};

/** Collectors report every described resource; a person wants one line per finished step. */
export const progressLines =
  (emit: (message: string) => void) =>
  (event: LiveProgress): void => {
    if (event.total === undefined) emit(`${event.step}: ${event.done}`);
    else if (event.done >= event.total) emit(`${event.step}: ${event.done}/${event.total}`);
  };
