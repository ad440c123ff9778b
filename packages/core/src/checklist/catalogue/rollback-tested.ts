import * as z from "../../kernel/validation/zod";
import { documentPart } from "../sources/documents";
import { recordedEvidence } from "../sources/recorded-evidence";
import { declareItem, type ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({ ...evidenceWindow() });

/** Rollback procedure documented and tested */
export const rollbackTestedItem: ItemDeclaration<"rollback-tested", typeof params> = declareItem({
  id: "rollback-tested",
  section: "Operations",
  title: "Rollback procedure documented and tested",
  severity: "high",
  decidedBy: "a rollback runbook exists and a rollback (drill or automatic) was recorded within the validity window",
  remediation:
    "Write a rollback runbook, and have a rollback recorded: `readiness drill rollback --cluster CLUSTER --service SERVICE --confirm-non-production SERVICE --results-table TABLE` deploys a known-bad revision (FAULT_MODE) to a non-production service and records how long the post-deploy gate took to restore the original; the gate also records each automatic rollback it completes.",
  needs: {
    document: "no rollback runbook (set documents.runbooks in readiness.yml)",
    evidence: "no rollback recorded",
  },
  params,
  sources: {
    document: documentPart((d) => d.rollbackRunbook),
    evidence: recordedEvidence({
      howToGather:
        "run `readiness drill rollback --results-table TABLE …` on a non-production service, or let the post-deploy gate roll back a failed deployment",
      roles: ["api"],
    }),
  },
});
