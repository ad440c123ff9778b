import type { RequestOutcome, SendRequest } from "../types";

/** How the generator reaches a target: one kind of request, sent many times. */
export interface LoadClient {
  readonly send: SendRequest;
  /**
   * One request (or a connection) before the schedule starts, so an unreachable target is reported
   * at once instead of after a whole run of failures. Not part of the figures.
   */
  preflight(): Promise<RequestOutcome>;
  close(): Promise<void>;
}

/** Promise form of one `send`, for the preflight. */
export const sendOnce = (send: SendRequest, index: number): Promise<RequestOutcome> =>
  new Promise((resolve) => send(index, resolve));
