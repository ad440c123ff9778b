import * as z from "../validation/zod";
import type { ItemDeclaration } from "./item";
import { tracesExported } from "../rules/ecs/traces-exported";

const params = z.strictObject({
  /** Substring that identifies the Tempo exporter in the collector configuration. */
  tempoEndpointPattern: z._default(z.string(), "tempo"),
});

/** Traces: all three services emit spans to OTel Collector → Tempo */
export const tracesExportedItem: ItemDeclaration<"traces-exported", typeof params> = {
  id: "traces-exported",
  section: "Observability",
  title: "Traces: all three services emit spans to OTel Collector → Tempo",
  kinds: ["config"],
  severity: "medium",
  decidedBy:
    "API, Worker and DLQ processor each have an OTLP exporter (collector sidecar or OTEL_EXPORTER_OTLP_ENDPOINT) and the collector exports to Tempo",
  remediation:
    "Add an OpenTelemetry Collector sidecar (or set `OTEL_EXPORTER_OTLP_ENDPOINT`) to every service's task definition and configure the collector with an OTLP exporter to Tempo.",
  needs: {},
  params,
  rules: [tracesExported],
};
