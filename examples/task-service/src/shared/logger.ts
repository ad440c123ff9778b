import { type TraceContext, newTrace } from "./trace";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

/**
 * JSON logs, one object per line, and every line carries `trace_id`: a logger is always bound to a
 * trace (the request's or message's, or one generated for the process's own lifecycle).
 */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger for one unit of work in the given trace. */
  withTrace(trace: TraceContext): Logger;
  readonly trace: TraceContext;
}

export interface LoggerOptions {
  readonly role: "api" | "worker" | "dlq-processor";
  readonly revision: string;
  readonly write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions, trace: TraceContext = newTrace()): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    const entry = {
      time: new Date().toISOString(),
      level,
      msg,
      service: "task-service",
      role: options.role,
      revision: options.revision,
      ...fields,
      trace_id: trace.traceId,
      span_id: trace.spanId,
    };
    write(`${JSON.stringify(entry, errorReplacer)}\n`);
  };
  return {
    trace,
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    withTrace: (next) => createLogger(options, next),
  };
}

/** Errors serialise as `{name, message}` instead of `{}`. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));
