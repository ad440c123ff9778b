import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({});

/** Alert routing to correct team/channel in Alertmanager */
export const alertRoutingItem: ItemDeclaration<"alert-routing", typeof params> = declareItem({
  id: "alert-routing",
  section: "Observability",
  title: "Alert routing to correct team/channel in Alertmanager",
  severity: "medium",
  decidedBy:
    "simulating the Alertmanager routing tree, every alert reaches a real receiver of the owning team, never the default/null receiver",
  remediation:
    "Add Alertmanager routes so that every alert reaches the owning team's receiver, never the default or null receiver.",
  needs: {
    document:
      "no Alertmanager configuration and alert rules (set documents.alertmanager and documents.prometheusRules in readiness.yml)",
  },
  params,
  sources: { document: documentPart((d) => d.alertRouting) },
});
