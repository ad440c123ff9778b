import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../shared/logger";
import { continueTrace, formatTraceparent } from "../shared/trace";
import {
  IdempotencyConflictError,
  InjectedFaultError,
  InvalidRequestError,
  type TaskApi,
  UnknownTaskError,
} from "./task-api";

const MAX_BODY_BYTES = 1024 * 1024;

class PayloadTooLargeError extends Error {}

export interface HttpHandlerOptions {
  readonly api: TaskApi;
  readonly log: Logger;
  readonly revision: string;
  readonly fault: string;
}

/** Routes: POST /tasks, GET /tasks/{id}, GET /healthz (docs/task-service-contract.md). */
export function createHttpHandler(options: HttpHandlerOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const trace = continueTrace(header(request, "traceparent"));
    const log = options.log.withTrace(trace);
    const started = performance.now();
    response.setHeader("traceparent", formatTraceparent(trace));
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    let status = 500;
    const send = (code: number, body: unknown): void => {
      status = code;
      response.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    try {
      if (path === "/healthz" && request.method === "GET")
        send(200, { ok: true, revision: options.revision, fault: options.fault });
      else if (path === "/tasks" && request.method === "POST") {
        if (!/^application\/json\b/i.test(header(request, "content-type") ?? ""))
          throw new InvalidRequestError("Content-Type must be application/json");
        const body = parseJson(await readBody(request));
        const outcome = await options.api.submit(
          { idempotencyKey: header(request, "idempotency-key"), input: body?.input },
          log,
        );
        const { taskId, status: taskStatus } = outcome.task;
        send(outcome.replayed ? 200 : 202, { taskId, status: taskStatus, replayed: outcome.replayed });
      } else if (path.startsWith("/tasks/") && request.method === "GET")
        send(200, await options.api.get(decodeURIComponent(path.slice("/tasks/".length))));
      else if (path === "/tasks" || path === "/healthz" || path.startsWith("/tasks/"))
        send(405, { error: `method ${request.method} not allowed on ${path}` });
      else send(404, { error: `no route for ${path}` });
    } catch (error) {
      if (error instanceof InvalidRequestError) send(400, { error: error.message });
      else if (error instanceof UnknownTaskError) send(404, { error: error.message });
      else if (error instanceof IdempotencyConflictError) send(409, { error: error.message });
      else if (error instanceof PayloadTooLargeError) send(413, { error: error.message });
      else {
        if (!(error instanceof InjectedFaultError)) log.error("request failed", { error });
        send(500, { error: error instanceof InjectedFaultError ? error.message : "internal error" });
      }
    } finally {
      log.info("http request", {
        method: request.method,
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): { input?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new InvalidRequestError('body must be a JSON object {"input": "<string>"}');
    return parsed as { input?: unknown };
  } catch (error) {
    if (error instanceof InvalidRequestError) throw error;
    throw new InvalidRequestError("body is not valid JSON");
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(`body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
