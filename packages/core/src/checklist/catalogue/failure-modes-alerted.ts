import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({});

/** All failure modes from architecture review have alert coverage */
export const failureModesAlertedItem: ItemDeclaration<"failure-modes-alerted", typeof params> = declareItem({
  id: "failure-modes-alerted",
  section: "Reliability",
  title: "All failure modes from architecture review have alert coverage",
  severity: "high",
  decidedBy: "every failure mode listed in the manifest maps to at least one alert that exists in the alert rules",
  remediation:
    "List the failure modes from the architecture review in the failure-mode manifest and map each to an alert rule that exists.",
  needs: {
    document:
      "no failure-mode manifest and alert rules (set documents.failureModes and documents.prometheusRules in readiness.yml)",
  },
  params,
  sources: { document: documentPart((d) => d.failureModesAlerted) },
});
