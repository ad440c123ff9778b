import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({
  topAlerts: z._default(z.int().check(z.positive()), 3).check(z.describe("how many top alerts need runbooks")),
  /** Markdown headings every runbook must have, matched case-insensitively; none may be empty. */
  requiredSections: z
    ._default(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), [
      "Symptoms",
      "Diagnosis",
      "Mitigation",
      "Escalation",
    ])
    .check(
      z.describe(
        "Markdown headings each runbook (and the rollback runbook) must have, matched case-insensitively; none may be empty (docs/documents.md)",
      ),
    ),
});

/** Runbooks written for top 3 alert scenarios */
export const runbooksItem: ItemDeclaration<"runbooks", typeof params> = declareItem({
  id: "runbooks",
  section: "Observability",
  title: "Runbooks written for top 3 alert scenarios",
  severity: "medium",
  decidedBy:
    "the top three alerts carry a `runbook_url` annotation that resolves to a non-empty runbook with the required sections",
  remediation: "Write runbooks for the top three alerts and link them with a `runbook_url` annotation.",
  needs: {
    document: "no alert rules and runbooks (set documents.prometheusRules and documents.runbooks in readiness.yml)",
  },
  params,
  sources: { document: documentPart((d) => d.runbooks) },
});
