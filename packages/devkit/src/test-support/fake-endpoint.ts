import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";

export interface FakeEndpoint {
  readonly url: string;
  /** The AWS action of every request received, in order (from X-Amz-Target or the Action form field). */
  readonly actions: string[];
  close(): Promise<void>;
}

export type FakeAnswer = { status: number; body: string; contentType?: string };

/** How the request was sent: JSON (ECS, SQS, Lambda, …) or an Action form (EC2, IAM, SNS, …: the query protocol, which wants XML back). */
export type FakeProtocol = "json" | "query";

/** What moto answers for an action it does not implement: HTTP 500 with an HTML page. */
export const MOTO_UNIMPLEMENTED: FakeAnswer = {
  status: 500,
  contentType: "text/html; charset=utf-8",
  body: "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.</p>\n",
};

const actionOf = (request: IncomingMessage, body: string): string => {
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") return target.slice(target.lastIndexOf(".") + 1);
  return new URLSearchParams(body).get("Action") ?? "?";
};

/**
 * A loopback HTTP server standing in for an AWS endpoint in the few tests that need an answer the
 * emulator cannot give (throttling, an unimplemented action on a path the collector takes).
 */
export async function startFakeEndpoint(
  answer: (action: string, nth: number, protocol: FakeProtocol) => FakeAnswer,
): Promise<FakeEndpoint> {
  const actions: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const action = actionOf(request, Buffer.concat(chunks).toString("utf8"));
      actions.push(action);
      const form = String(request.headers["content-type"] ?? "").includes("x-www-form-urlencoded");
      const protocol = form ? "query" : "json";
      const { status, body, contentType } = answer(action, actions.filter((a) => a === action).length, protocol);
      response.writeHead(status, { "content-type": contentType ?? "application/x-amz-json-1.1" });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SilentEndpoint {
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/**
 * A loopback TCP server that accepts every connection and never answers: what a firewall that
 * swallows packets after the handshake, or a wedged proxy, looks like to a client.
 */
export async function startSilentEndpoint(): Promise<SilentEndpoint> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createNetServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // Read and drop whatever the client sends, so its writes never block.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
