import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { tracesExported } from "../rules/ecs/traces-exported";

const params = z.strictObject({
  /** Substring that identifies the Tempo exporter in the collector configuration. */
  tempoEndpointPattern: z
    ._default(z.string(), "tempo")
    .check(z.describe("substring identifying the Tempo exporter in the collector config")),
});

/** Traces: all three services emit spans to OTel Collector → Tempo */
export const tracesExportedItem: ItemDeclaration<"traces-exported", typeof params> = declareItem({
  id: "traces-exported",
  section: "Observability",
  title: "Traces: all three services emit spans to OTel Collector → Tempo",
  severity: "medium",
  decidedBy:
    "each of API, Worker and DLQ processor has an OTLP exporter configured (collector sidecar or `OTEL_EXPORTER_OTLP_ENDPOINT`), and the collector config exports to Tempo",
  remediation:
    "Add an OpenTelemetry Collector sidecar (or set `OTEL_EXPORTER_OTLP_ENDPOINT`) to every service's task definition and configure the collector with an OTLP exporter to Tempo.",
  params,
  rules: [tracesExported],
});
