import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";

const params = z.strictObject({});

/** All failure modes from architecture review have alert coverage */
export const failureModesAlertedItem: ItemDeclaration<"failure-modes-alerted", typeof params> = {
  id: "failure-modes-alerted",
  section: "Reliability",
  title: "All failure modes from architecture review have alert coverage",
  kinds: ["document"],
  severity: "high",
  decidedBy: "every failure mode listed in the manifest maps to at least one alert that exists in the alert rules",
  remediation:
    "List the failure modes from the architecture review in the failure-mode manifest and map each to an alert rule that exists.",
  needs: { document: "needs document: no failure-mode manifest and alert rules published" },
  params,
  rules: [],
};
