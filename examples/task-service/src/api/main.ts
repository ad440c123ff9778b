import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createClients } from "../shared/clients";
import { runProcess } from "../shared/lifecycle";
import { apiSettings } from "../shared/settings";
import { openBackend } from "./backend";
import { bindGrpc, createGrpcServer, grpcCredentials } from "./grpc";
import { createHttpHandler } from "./http";
import { TaskApi } from "./task-api";
import { loadTls } from "./tls";

runProcess("api", process.env.REVISION, async (log) => {
  const settings = apiSettings();
  const clients = createClients(settings);
  const tls = await loadTls(settings, clients.secrets);
  const { store, queue, stop: stopBackend } = openBackend(settings, clients);
  // Fails fast on a wrong table/queue, and keeps SDK start-up cost out of the first request's latency.
  await Promise.all([store.getTask("start-up-check"), queue.ping()]);
  const api = new TaskApi({
    store,
    queue,
    fault: settings.FAULT_MODE,
    slowMs: settings.FAULT_SLOW_MS,
  });
  const handler = createHttpHandler({ api, log, revision: settings.REVISION, fault: settings.FAULT_MODE });
  const listener = (request: Parameters<typeof handler>[0], response: Parameters<typeof handler>[1]) =>
    void handler(request, response);
  const http: Server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ca: tls.clientCa,
          requestCert: tls.clientCa !== undefined,
          rejectUnauthorized: true,
        },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(settings.HTTP_PORT, settings.HOST, () => resolve());
  });
  const httpPort = (http.address() as { port: number }).port;
  const grpc = createGrpcServer(api, log);
  const grpcPort = await bindGrpc(grpc, `${settings.HOST}:${settings.GRPC_PORT}`, grpcCredentials(tls));
  const scheme = tls ? "https" : "http";
  log.info("api listening", {
    httpUrl: `${scheme}://${settings.HOST}:${httpPort}`,
    grpcTarget: `${settings.HOST}:${grpcPort}`,
    tls: tls ? { source: tls.source, mutual: tls.clientCa !== undefined } : false,
    fault: settings.FAULT_MODE,
    backend: settings.TASK_BACKEND,
  });
  return {
    async stop() {
      await Promise.all([
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        }),
        new Promise<void>((resolve) => grpc.tryShutdown(() => resolve())),
      ]);
      await stopBackend();
    },
  };
});
