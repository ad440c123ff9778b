import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({ ...evidenceWindow() });

/** Rollback procedure documented and tested */
export const rollbackTestedItem: ItemDeclaration<"rollback-tested", typeof params> = {
  id: "rollback-tested",
  section: "Operations",
  title: "Rollback procedure documented and tested",
  kinds: ["document", "evidence"],
  severity: "high",
  decidedBy: "a rollback runbook exists and a rollback (drill or automatic) was recorded within the validity window",
  remediation:
    "Write a rollback runbook and record a rollback drill (or let the post-deploy gate record an automatic rollback).",
  needs: {
    document: "needs document: no rollback runbook published",
    evidence: "needs evidence: no rollback recorded",
  },
  params,
  rules: [],
};
