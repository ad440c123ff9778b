import { randomUUID } from "node:crypto";
import type { ParsedEndpoint } from "../../smoke/endpoint";
import { defaultOpenTransport } from "../../smoke/runner";
import type { CallResult, ClientTlsMaterial, TaskTransport } from "../../smoke/transport";
import { shorten } from "../../smoke/transport";
import type { RequestOutcome, SendRequest } from "../types";
import type { LoadClient } from "./client";

export interface TaskContractOptions {
  readonly endpoint: ParsedEndpoint;
  readonly tls?: ClientTlsMaterial;
  readonly timeoutMs: number;
  /** W3C trace id sent with every request (one per run, so the run can be found in the service's logs). */
  readonly traceId: string;
  readonly uuid?: () => string;
  readonly openTransport?: (endpoint: ParsedEndpoint, tls: ClientTlsMaterial | undefined) => Promise<TaskTransport>;
}

/**
 * The smoke test's submit (docs/task-service-contract.md) as a load: POST /tasks or gRPC Submit,
 * each with a fresh idempotency key, so every request creates a task as a client's would. It goes
 * through the smoke test's own transports (the same TLS and mTLS settings, the same answers), whose
 * cost (node:http, JSON bodies) is well within 500 req/s on one core; plain mode uses a faster
 * client because it has to reach thousands. Over gRPC the transport keeps one HTTP/2 connection and
 * `connections` bounds the calls in flight on it.
 */
export const taskContractClient = async (options: TaskContractOptions): Promise<LoadClient> => {
  const transport = await (options.openTransport ?? defaultOpenTransport)(options.endpoint, options.tls);
  const uuid = options.uuid ?? randomUUID;
  const send: SendRequest = (index, done) => {
    transport
      .submit({
        idempotencyKey: uuid(),
        input: `readiness-load-${index < 0 ? "preflight" : index}`,
        // One trace for the run, one span id per request (from its index: unique, cheap, never the invalid all-zero id).
        traceparent: `00-${options.traceId}-${(index + 2).toString(16).padStart(16, "0")}-01`,
        timeoutMs: options.timeoutMs,
      })
      .then(
        (result) => done(outcomeOf(result)),
        (error: unknown) => done({ ok: false, answered: false, detail: shorten(String(error), 80) }),
      );
  };
  return {
    send,
    preflight: async () => {
      const unreachable = await transport.connect?.(options.timeoutMs);
      if (unreachable) return { ok: false, answered: false, detail: unreachable.detail };
      return new Promise((resolve) => send(-1, resolve));
    },
    close: async () => transport.close(),
  };
};

const outcomeOf = (result: CallResult): RequestOutcome => {
  if (result.outcome === "answered") return { ok: true, answered: true };
  if (result.outcome === "rejected")
    return {
      ok: false,
      answered: true,
      detail: result.detail ? `${result.status}: ${shorten(result.detail, 60)}` : result.status,
    };
  return { ok: false, answered: false, detail: result.detail };
};
