import { describe, expect, it } from "vitest";
import { classifyLogLine, isTraceIdValue } from "./trace-ids";

const W3C = "4bf92f3577b34da6a3ce929d0e0e4736";
const XRAY = "1-5759e988-bd862e3fe1be46a994272793";

describe("classifyLogLine: JSON lines", () => {
  it.each([
    [
      "Powertools logger (xray_trace_id)",
      `{"level":"INFO","message":"task accepted","timestamp":"2026-12-06T16:00:00.000Z","service":"api","xray_trace_id":"${XRAY}"}`,
    ],
    [
      "OpenTelemetry JSON (trace_id)",
      `{"timestamp":"2026-12-06T16:00:00Z","severity":"INFO","body":"ok","trace_id":"${W3C}","span_id":"00f067aa0ba902b7"}`,
    ],
    ["pino with OTel instrumentation (traceId)", `{"level":30,"time":1765036800000,"msg":"done","traceId":"${W3C}"}`],
    ["Datadog/OTel bridge (otelTraceID)", `{"msg":"ok","otelTraceID":"${W3C}","otelSpanID":"00f067aa0ba902b7"}`],
    [
      "Lambda/ECS X-Ray header field",
      `{"msg":"ok","AWS-XRAY-TRACE-ID":"Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1"}`,
    ],
    ["a traceparent field", `{"msg":"ok","traceparent":"00-${W3C}-00f067aa0ba902b7-01"}`],
    ["ECS common schema (trace.id)", `{"message":"ok","trace.id":"${W3C}"}`],
    ["nested context", `{"msg":"ok","context":{"otel":{"trace_id":"${W3C}"}}}`],
    [
      "the example service's logger",
      `{"level":"info","msg":"task completed","trace_id":"${W3C}","span_id":"00f067aa0ba902b7"}`,
    ],
  ])("Compliance: %s", (_name, line) => {
    expect(classifyLogLine(line)).toEqual({ format: "json", hasTraceId: true });
  });

  it.each([
    ["no trace field", `{"level":"INFO","message":"started","service":"api"}`],
    ["an empty trace field (logged outside a span)", `{"msg":"ok","trace_id":""}`],
    ["an all-zero trace id (invalid in W3C)", `{"msg":"ok","trace_id":"00000000000000000000000000000000"}`],
    ["a null trace field", `{"msg":"ok","traceId":null}`],
    ["a hex digest in another field", `{"msg":"ok","etag":"${W3C}"}`],
    ["a trace id only in the message text", `{"msg":"trace ${W3C} finished"}`],
    ["uppercase hex (not W3C)", `{"msg":"ok","trace_id":"${W3C.toUpperCase()}"}`],
    ["too deep", `{"a":{"b":{"c":{"d":{"trace_id":"${W3C}"}}}}}`],
  ])("Noncompliance: %s", (_name, line) => {
    expect(classifyLogLine(line)).toEqual({ format: "json", hasTraceId: false });
  });
});

describe("classifyLogLine: plain lines", () => {
  it.each([
    ["W3C id in key=value text", `2026-12-06T16:00:00Z INFO task accepted trace_id=${W3C} span_id=00f067aa0ba902b7`],
    ["traceparent header", `GET /tasks traceparent: 00-${W3C}-00f067aa0ba902b7-01`],
    ["X-Ray header", `request done X-Amzn-Trace-Id: Root=${XRAY};Sampled=1`],
    ["bare X-Ray id", `[${XRAY}] INFO done`],
    ["a JSON line cut short (read as plain text)", `{"msg":"cut off","trace_id":"${W3C}`],
  ])("Compliance: %s", (_name, line) => {
    expect(classifyLogLine(line)).toEqual({ format: "plain", hasTraceId: true });
  });

  it.each([
    ["no id", "2026-12-06T16:00:00Z INFO server listening on :8080"],
    ["all zeros", "trace_id=00000000000000000000000000000000 done"],
    ["part of a longer hex run (a sha256)", `sha256:${W3C}${W3C} pulled`],
    ["uppercase", `trace=${W3C.toUpperCase()}`],
    ["a UUID", "request 4bf92f35-77b3-4da6-a3ce-929d0e0e4736 done"],
  ])("Noncompliance: %s", (_name, line) => {
    expect(classifyLogLine(line).hasTraceId).toBe(false);
  });
});

describe("isTraceIdValue", () => {
  it("accepts the forms tracers write and refuses the invalid ones", () => {
    expect([W3C, XRAY, `Root=${XRAY}`, `00-${W3C}-00f067aa0ba902b7-01`].map(isTraceIdValue)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ["", "abc", 42, `1-5759e988-${"0".repeat(24)}`, `00-${"0".repeat(32)}-00f067aa0ba902b7-01`].map(isTraceIdValue),
    ).toEqual([false, false, false, false, false]);
  });
});
