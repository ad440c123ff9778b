import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";

const params = z.strictObject({});

/** Alert routing to correct team/channel in Alertmanager */
export const alertRoutingItem: ItemDeclaration<"alert-routing", typeof params> = {
  id: "alert-routing",
  section: "Observability",
  title: "Alert routing to correct team/channel in Alertmanager",
  kinds: ["document"],
  severity: "medium",
  decidedBy:
    "simulating the Alertmanager routing tree, every alert reaches a real receiver of the owning team, never the default/null receiver",
  remediation:
    "Add Alertmanager routes so that every alert reaches the owning team's receiver, never the default or null receiver.",
  needs: { document: "needs document: no Alertmanager configuration published" },
  params,
  rules: [],
};
