import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";

const params = z.strictObject({
  minShare: z
    ._default(z.number().check(z.gte(0), z.lte(1)), 0.99)
    .check(z.describe("share of sampled log lines that must carry a trace id")),
});

/** trace_id present in every log line */
export const traceIdInLogsItem: ItemDeclaration<"trace-id-in-logs", typeof params> = {
  id: "trace-id-in-logs",
  section: "Observability",
  title: "trace_id present in every log line",
  kinds: ["probe"],
  severity: "medium",
  decidedBy: "sampled recent log lines of every service carry a trace id (threshold parameter, default 99%)",
  remediation: "Add the active trace id to every log line (e.g. a logger mixin reading the OpenTelemetry context).",
  needs: { probe: "needs probe: no log lines sampled" },
  params,
  rules: [],
};
