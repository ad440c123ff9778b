/**
 * The two calls the smoke test makes, independent of the wire protocol. A transport never throws
 * for what the network or the service did: it answers with one of the three outcomes below, so the
 * runner alone decides verdicts.
 */

/** A task as the API showed it; empty proto3 strings are normalised to undefined. */
export interface TaskSnapshot {
  readonly taskId: string;
  readonly status: string;
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly createdAt?: string;
  /** The API said this answer is a replay of an earlier submit (HTTP 200 / gRPC `replayed`). */
  readonly replayed?: boolean;
}

/** The service answered with a task. `answer` says how, e.g. "HTTP 202" or "gRPC OK". */
export interface Answered {
  readonly outcome: "answered";
  readonly task: TaskSnapshot;
  readonly answer: string;
}

/** The service answered, but with an error, or with something that is not a task. */
export interface Rejected {
  readonly outcome: "rejected";
  /** "HTTP 500", "gRPC INTERNAL", "HTTP 202 with an unreadable body". */
  readonly status: string;
  /** The not-found answer: the task does not exist. */
  readonly notFound?: boolean;
  /** The error text the service gave, shortened. */
  readonly detail: string;
}

/** No answer: connection refused, DNS, timeout, TLS handshake. Retried, then INCONCLUSIVE. */
export interface Unreachable {
  readonly outcome: "unreachable";
  readonly detail: string;
}

export type CallResult = Answered | Rejected | Unreachable;

export interface SubmitCall {
  readonly idempotencyKey: string;
  readonly input: string;
  /** W3C traceparent sent along, so the run can be found in the service's logs. */
  readonly traceparent: string;
  readonly timeoutMs: number;
}

export interface GetCall {
  readonly taskId: string;
  readonly traceparent: string;
  readonly timeoutMs: number;
}

export interface TaskTransport {
  /**
   * Optional: opens the connection before the submit is timed, so the submit latency measures the
   * request rather than connection setup. Answers `undefined` when ready.
   */
  connect?(timeoutMs: number): Promise<Unreachable | undefined>;
  submit(call: SubmitCall): Promise<CallResult>;
  get(call: GetCall): Promise<CallResult>;
  close(): void;
}

/** PEM material for the client side of TLS. */
export interface ClientTlsMaterial {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** Shortens service error text for details and reasons. */
export const shorten = (text: string, max = 200): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/**
 * OpenSSL messages run to several lines of internals; keep the code and the human part:
 * "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED (tlsv13 alert certificate required)".
 */
export const describeTlsError = (error: NodeJS.ErrnoException): string => {
  const human = /SSL routines:[^:]*:([^:]+)/.exec(error.message)?.[1];
  const text = human ?? shorten(error.message);
  return error.code ? `${error.code} (${text})` : text;
};

/** Names what went wrong below the protocol: "connection refused", "DNS lookup failed", … */
export const describeNetworkError = (error: unknown): string => {
  const err = error as NodeJS.ErrnoException & { cause?: unknown };
  const code = err?.code ?? (err?.cause as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return `connection refused (${message})`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DNS lookup failed (${message})`;
    case "ECONNRESET":
      return `connection reset (${message})`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable (${message})`;
    case "ETIMEDOUT":
      return `connect timed out (${message})`;
    default:
      if (typeof code === "string" && code.startsWith("ERR_SSL")) return `TLS handshake failed: ${describeTlsError(err)}`;
      if (typeof code === "string" && /CERT|SELF_SIGNED|UNABLE_TO/.test(code))
        return `TLS: the server certificate is not trusted: ${describeTlsError(err)}`;
      return shorten(message);
  }
};
