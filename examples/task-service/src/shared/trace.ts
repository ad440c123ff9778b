import { randomBytes } from "node:crypto";

/** A W3C trace context (https://www.w3.org/TR/trace-context/), version 00. */
export interface TraceContext {
  readonly traceId: string;
  /** The span of the current unit of work (the parent of whatever it calls). */
  readonly spanId: string;
  readonly flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

/** Parses a `traceparent` header; undefined when absent or invalid (the spec says: start a new trace). */
export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === "ff" || traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  // Version 00 has exactly four fields; later versions may append more, which we ignore.
  if (version === "00" && rest !== undefined) return undefined;
  return { traceId, spanId, flags };
}

/** Continues the caller's trace with a new span of ours, or starts a new sampled trace. */
export function continueTrace(header: string | undefined): TraceContext {
  const parent = parseTraceparent(header);
  return { traceId: parent?.traceId ?? hex(16), spanId: hex(8), flags: parent?.flags ?? "01" };
}

export const newTrace = (): TraceContext => continueTrace(undefined);

export const formatTraceparent = (trace: TraceContext): string => `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
