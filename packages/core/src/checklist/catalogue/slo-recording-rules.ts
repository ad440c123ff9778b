import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";

const params = z.strictObject({});

/** SLO recording rules deployed; error budget panel in Grafana */
export const sloRecordingRulesItem: ItemDeclaration<"slo-recording-rules", typeof params> = {
  id: "slo-recording-rules",
  section: "Observability",
  title: "SLO recording rules deployed; error budget panel in Grafana",
  kinds: ["document"],
  severity: "medium",
  decidedBy:
    "Prometheus rule files contain SLO recording rules for each SLO; a Grafana dashboard has an error budget panel using them",
  remediation:
    "Add SLO recording rules for each SLO and an error-budget panel in the Grafana dashboard that uses them.",
  needs: { document: "needs document: no Prometheus rules and Grafana dashboard published" },
  params,
  rules: [],
};
