import { createLogger, type Logger, type LoggerOptions } from "./logger";

/** What a started process hands back: how to stop it gracefully. */
export interface Running {
  stop(): Promise<void>;
}

/**
 * Runs one of the service's processes: starts it, and on SIGTERM/SIGINT stops it gracefully and exits 0.
 * A start failure (bad settings, unreachable TLS secret…) is logged as JSON and exits 1.
 */
export function runProcess(
  role: LoggerOptions["role"],
  revision: string | undefined,
  start: (log: Logger) => Promise<Running>,
): void {
  const log = createLogger({ role, revision: revision || "dev" });
  // Node's own warnings and crashes are logged as JSON too, so every output line has a trace_id
  // (the processes run with --no-warnings, which silences only the plain-text copy).
  process.on("warning", (warning) => log.warn("node warning", { warning: warning.name, detail: warning.message }));
  process.on("uncaughtException", (error) => {
    log.error("uncaught exception", { error, stack: error.stack });
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    log.error("unhandled rejection", { error: reason });
    process.exit(1);
  });
  let stopping = false;
  const running = start(log).catch((error: unknown) => {
    log.error(`${role} failed to start`, { error });
    process.exit(1);
  });
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    void running
      .then((process_) => process_?.stop())
      .then(
        () => {
          log.info("stopped", { signal });
          process.exit(0);
        },
        (error: unknown) => {
          log.error("graceful stop failed", { error });
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
