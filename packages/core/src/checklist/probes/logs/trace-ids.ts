/*
 * Whether one log line carries a trace id, purely.
 * Given a JSON line (an object), Then a trace field decides it: `trace_id`, `traceId`, `otelTraceID`,
 *   `xray_trace_id` (Powertools), `AWS-XRAY-TRACE-ID`, `traceparent`, at the top level or nested in
 *   objects up to NESTED_DEPTH deep (loggers that group context: `{"otel":{"trace_id":…}}`), holding
 *   a valid id (W3C, X-Ray or an X-Ray header). An empty or all-zero value is no trace id: a logger
 *   that writes the field outside any span logs "" or zeros. Other fields are not searched: a
 *   request id or a digest of 32 hex digits in a message is not a trace id.
 * Given a plain line, Then a W3C trace id (32 lowercase hex, not all zeros, standing alone), a
 *   traceparent (`00-<trace id>-<span id>-<flags>`) or an X-Ray id (`1-<8 hex>-<24 hex>`, bare or
 *   as `Root=…`) anywhere in it decides it.
 */

/** JSON field names that hold a trace id, compared without case, `-` or `_`. */
const TRACE_FIELDS = new Set(["traceid", "oteltraceid", "xraytraceid", "awsxraytraceid", "traceparent"]);
const NESTED_DEPTH = 3;

const W3C_TRACE_ID = /^[0-9a-f]{32}$/;
const ALL_ZEROS = /^0+$/;
const XRAY_TRACE_ID = /^1-[0-9a-f]{8}-([0-9a-f]{24})$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const XRAY_ROOT = /(?:^|;)\s*Root=1-[0-9a-f]{8}-([0-9a-f]{24})(?:;|$)/;

/** In plain text: a standalone id (not part of a longer hex or word run). */
const PLAIN_W3C = /(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])/g;
const PLAIN_TRACEPARENT = /(?<![0-9A-Za-z])[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(?![0-9A-Za-z])/;
const PLAIN_XRAY = /(?<![0-9A-Za-z-])1-[0-9a-f]{8}-([0-9a-f]{24})(?![0-9A-Za-z])/g;

const isW3cTraceId = (text: string): boolean => W3C_TRACE_ID.test(text) && !ALL_ZEROS.test(text);

/** Whether a trace field's value is a trace id in any of the forms tracers write. */
export const isTraceIdValue = (value: unknown): boolean => {
  if (typeof value !== "string") return false;
  const text = value.trim();
  if (isW3cTraceId(text)) return true;
  const xray = XRAY_TRACE_ID.exec(text) ?? XRAY_ROOT.exec(text);
  if (xray) return !ALL_ZEROS.test(xray[1]!);
  const parent = TRACEPARENT.exec(text);
  return parent !== null && isW3cTraceId(parent[1]!);
};

const normalisedField = (name: string): string => name.toLowerCase().replace(/[-_.]/g, "");

/** The line parsed as a JSON object, or undefined when it is not one. */
const jsonObjectOf = (line: string): Record<string, unknown> | undefined => {
  const text = line.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

const hasTraceField = (node: Record<string, unknown>, depth: number): boolean => {
  for (const [key, value] of Object.entries(node)) {
    if (TRACE_FIELDS.has(normalisedField(key)) && isTraceIdValue(value)) return true;
    if (depth < NESTED_DEPTH && typeof value === "object" && value !== null && !Array.isArray(value))
      if (hasTraceField(value as Record<string, unknown>, depth + 1)) return true;
  }
  return false;
};

const plainHasTraceId = (line: string): boolean => {
  for (const match of line.matchAll(PLAIN_W3C)) if (!ALL_ZEROS.test(match[0])) return true;
  const parent = PLAIN_TRACEPARENT.exec(line);
  if (parent && isW3cTraceId(parent[1]!)) return true;
  for (const match of line.matchAll(PLAIN_XRAY)) if (!ALL_ZEROS.test(match[1]!)) return true;
  return false;
};

/** How a line was read: as a JSON object (its trace fields decide) or as plain text (the id patterns do). */
export type LineFormat = "json" | "plain";

export interface LineClassification {
  readonly format: LineFormat;
  readonly hasTraceId: boolean;
}

export const classifyLogLine = (line: string): LineClassification => {
  const json = jsonObjectOf(line);
  if (json) return { format: "json", hasTraceId: hasTraceField(json, 1) };
  return { format: "plain", hasTraceId: plainHasTraceId(line) };
};
