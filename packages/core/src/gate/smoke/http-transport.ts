import http from "node:http";
import https from "node:https";
import type { ParsedEndpoint } from "./endpoint";
import {
  type CallResult,
  type ClientTlsMaterial,
  describeNetworkError,
  type GetCall,
  type SubmitCall,
  shorten,
  type TaskSnapshot,
  type TaskTransport,
} from "./transport";

interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

type HttpOutcome = { ok: true; answer: HttpAnswer } | { ok: false; detail: string };

/**
 * The task API over HTTP(S) (POST /tasks, GET /tasks/{id}) with node:http(s), so a client
 * certificate can be presented for mTLS. One keep-alive agent per transport.
 */
export const httpTransport = (endpoint: ParsedEndpoint, tls: ClientTlsMaterial | undefined): TaskTransport => {
  const agent = endpoint.secure
    ? new https.Agent({ keepAlive: true, ca: tls?.ca, cert: tls?.cert, key: tls?.key })
    : new http.Agent({ keepAlive: true });
  const send = (method: "GET" | "POST", path: string, headers: Record<string, string>, timeoutMs: number, body?: string) =>
    request(endpoint, agent, method, new URL(path, endpoint.baseUrl), headers, timeoutMs, body);

  return {
    async submit(call: SubmitCall): Promise<CallResult> {
      const body = JSON.stringify({ input: call.input });
      const outcome = await send(
        "POST",
        "tasks",
        { "content-type": "application/json", "idempotency-key": call.idempotencyKey, traceparent: call.traceparent },
        call.timeoutMs,
        body,
      );
      if (!outcome.ok) return { outcome: "unreachable", detail: outcome.detail };
      return toResult(outcome.answer, (json) => ({
        taskId: stringField(json, "taskId") ?? "",
        status: stringField(json, "status") ?? "",
        replayed: outcome.answer.status === 200 ? true : outcome.answer.status === 202 ? false : undefined,
      }));
    },
    async get(call: GetCall): Promise<CallResult> {
      const outcome = await send("GET", `tasks/${encodeURIComponent(call.taskId)}`, { traceparent: call.traceparent }, call.timeoutMs);
      if (!outcome.ok) return { outcome: "unreachable", detail: outcome.detail };
      return toResult(outcome.answer, (json) => {
        const result = json.result;
        return {
          taskId: stringField(json, "taskId") ?? "",
          status: stringField(json, "status") ?? "",
          input: stringField(json, "input"),
          output: result && typeof result === "object" ? stringField(result as Record<string, unknown>, "output") : undefined,
          error: stringField(json, "error"),
          createdAt: stringField(json, "createdAt"),
        };
      });
    },
    close() {
      agent.destroy();
    },
  };
};

const toResult = (answer: HttpAnswer, read: (json: Record<string, unknown>) => TaskSnapshot): CallResult => {
  const status = `HTTP ${answer.status}`;
  const json = parseObject(answer.body);
  if (answer.status < 200 || answer.status >= 300) {
    const error = json && typeof json.error === "string" ? json.error : answer.body;
    return { outcome: "rejected", status, detail: shorten(error), notFound: answer.status === 404 };
  }
  if (!json) return { outcome: "rejected", status: `${status} with a body that is not a JSON object`, detail: shorten(answer.body) };
  const task = read(json);
  if (!task.taskId || !task.status)
    return { outcome: "rejected", status: `${status} without taskId and status`, detail: shorten(answer.body) };
  return { outcome: "answered", task, answer: status };
};

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const stringField = (json: Record<string, unknown>, name: string): string | undefined =>
  typeof json[name] === "string" && json[name] !== "" ? (json[name] as string) : undefined;

const request = (
  endpoint: ParsedEndpoint,
  agent: http.Agent,
  method: string,
  url: URL,
  headers: Record<string, string>,
  timeoutMs: number,
  body?: string,
): Promise<HttpOutcome> =>
  new Promise((resolve) => {
    const client = endpoint.secure ? https : http;
    const sent = client.request(url, {
      method,
      agent,
      headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => {
      sent.destroy();
      resolve({ ok: false, detail: `no answer from ${url.host} within ${timeoutMs} ms` });
    }, timeoutMs);
    sent.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ ok: true, answer: { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") } });
      });
      response.on("error", (error) => {
        clearTimeout(timer);
        resolve({ ok: false, detail: describeNetworkError(error) });
      });
    });
    sent.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: describeNetworkError(error) });
    });
    sent.end(body);
  });
