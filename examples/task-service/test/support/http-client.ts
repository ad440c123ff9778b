import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { TaskView } from "../../src/tasks/task";

export interface ClientTls {
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

/** A small HTTP(S) client for the task API (fetch cannot present client certificates). */
export function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; tls?: ClientTls } = {},
): Promise<HttpResponse> {
  const url = new URL(path, baseUrl);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: options.headers, ...(options.tls ?? {}), agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export function submit(
  baseUrl: string,
  idempotencyKey: string,
  input: string,
  options: { traceparent?: string; tls?: ClientTls } = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = { "content-type": "application/json", "idempotency-key": idempotencyKey };
  if (options.traceparent) headers.traceparent = options.traceparent;
  return call(baseUrl, "POST", "/tasks", { headers, body: JSON.stringify({ input }), tls: options.tls });
}

export async function getTask(baseUrl: string, taskId: string, tls?: ClientTls): Promise<TaskView> {
  const response = await call(baseUrl, "GET", `/tasks/${taskId}`, { tls });
  if (response.status !== 200) throw new Error(`GET /tasks/${taskId} answered ${response.status}`);
  return response.body as unknown as TaskView;
}

/** Polls until the check passes; fails with the last value seen (a bound on waiting, not a timing assertion). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}

export const waitForStatus = (baseUrl: string, taskId: string, status: TaskView["status"], tls?: ClientTls) =>
  eventually(
    () => getTask(baseUrl, taskId, tls),
    (task) => task.status === status,
    `task ${taskId} reaching ${status}`,
  );
