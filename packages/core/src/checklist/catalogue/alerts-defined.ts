import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({
  requiredAlerts: z
    ._default(z.array(z.string()), [
      "HighErrorRate",
      "HighLatencyP99",
      "FastBudgetBurn",
      "QueueDepthHigh",
      "ScrapeTargetDown",
    ])
    .check(z.describe("alert names that must exist")),
});

/** Alerts: HighErrorRate, HighLatencyP99, FastBudgetBurn, QueueDepthHigh, ScrapeTargetDown */
export const alertsDefinedItem: ItemDeclaration<"alerts-defined", typeof params> = declareItem({
  id: "alerts-defined",
  section: "Observability",
  title: "Alerts: HighErrorRate, HighLatencyP99, FastBudgetBurn, QueueDepthHigh, ScrapeTargetDown",
  severity: "high",
  decidedBy: "each named alert exists with a valid expression, `for`, severity label",
  remediation:
    "Define the five alerts in the Prometheus rule files with an expression, a `for` duration and a `severity` label.",
  needs: { document: "no Prometheus alert rules (set documents.prometheusRules in readiness.yml)" },
  params,
  sources: { document: documentPart((d) => d.alertsDefined) },
});
