import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the emulator received through the proxy, with the status it answered. */
export interface ReceivedRequest {
  /** The AWS action (from X-Amz-Target, else the Action form field). */
  readonly action: string;
  /** The JSON body as sent (protocols that post forms give `{}`). */
  readonly input: Record<string, unknown>;
  readonly status: number;
}

export interface RecordingProxy {
  /** Point an SDK client's `endpoint` here. */
  readonly url: string;
  /** Requests the emulator answered, in the order it answered them; optionally of one action. */
  received(action?: string): ReceivedRequest[];
  /** Forgets what was recorded so far. */
  clear(): void;
  close(): Promise<void>;
}

const actionOf = (request: IncomingMessage, body: string): string => {
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") return target.slice(target.lastIndexOf(".") + 1);
  return new URLSearchParams(body).get("Action") ?? "?";
};

const jsonOf = (body: string): Record<string, unknown> => {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * A loopback HTTP proxy in front of the emulator that records every request it forwards and the
 * status the emulator answered. Tests assert on what reached the emulator (say, the UpdateService
 * calls of a rollback) rather than on what the code under test says it did.
 */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const target = new URL(upstream);
  let received: ReceivedRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const text = body.toString("utf8");
      const forwarded = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: target.host },
        },
        (answer) => {
          received.push({ action: actionOf(request, text), input: jsonOf(text), status: answer.statusCode ?? 0 });
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on("error", (error) => {
        response.writeHead(502, { "content-type": "text/plain" });
        response.end(`recording proxy: the emulator did not answer: ${error.message}`);
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: (action) => received.filter((r) => action === undefined || r.action === action),
    clear: () => {
      received = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
