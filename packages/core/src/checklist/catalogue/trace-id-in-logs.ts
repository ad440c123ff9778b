import * as z from "../../kernel/validation/zod";
import { logSamples } from "../sources/log-samples";
import { declareItem, type ItemDeclaration } from "./item";

const params = z.strictObject({
  minShare: z
    ._default(z.number().check(z.gte(0), z.lte(1)), 0.99)
    .check(z.describe("share of sampled log lines that must carry a trace id")),
  // FilterLogEvents returns at most 10,000 events a page; the probe reads one bounded sample per group.
  sampleSize: z
    ._default(z.int().check(z.gte(1), z.lte(10_000)), 200)
    .check(z.describe("log events sampled per log group (FilterLogEvents, at most 10000)")),
  windowMinutes: z
    ._default(z.int().check(z.gte(1), z.lte(10_080)), 60)
    .check(z.describe("how far back the log sample reaches, in minutes (at most 7 days)")),
});

/** trace_id present in every log line */
export const traceIdInLogsItem: ItemDeclaration<"trace-id-in-logs", typeof params> = declareItem({
  id: "trace-id-in-logs",
  section: "Observability",
  title: "trace_id present in every log line",
  severity: "medium",
  decidedBy:
    "sampled recent log lines of every service (its awslogs groups, CloudWatch Logs FilterLogEvents) carry a trace id: a JSON trace field (trace_id, traceId, otelTraceID, xray_trace_id, AWS-XRAY-TRACE-ID) or a W3C/X-Ray id in plain text (threshold parameter, default 99%)",
  remediation: "Add the active trace id to every log line (e.g. a logger mixin reading the OpenTelemetry context).",
  needs: { probe: "no log lines sampled" },
  params,
  sources: { probe: logSamples },
});
