import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({});

/** SLO recording rules deployed; error budget panel in Grafana */
export const sloRecordingRulesItem: ItemDeclaration<"slo-recording-rules", typeof params> = declareItem({
  id: "slo-recording-rules",
  section: "Observability",
  title: "SLO recording rules deployed; error budget panel in Grafana",
  severity: "medium",
  decidedBy:
    "Prometheus rule files contain SLO recording rules for each SLO; a Grafana dashboard has an error budget panel using them",
  remediation:
    "Add SLO recording rules for each SLO and an error-budget panel in the Grafana dashboard that uses them.",
  needs: {
    document:
      "no SLO file, Prometheus rules and Grafana dashboards (set documents.slo, documents.prometheusRules and documents.dashboards in readiness.yml)",
  },
  params,
  sources: { document: documentPart((d) => d.sloRecordingRules) },
});
