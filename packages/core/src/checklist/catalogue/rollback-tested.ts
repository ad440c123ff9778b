import * as z from "../../kernel/validation/zod";
import { recordedEvidence } from "../sources/recorded-evidence";
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
    "Write a rollback runbook, and have a rollback recorded: the post-deploy gate records each automatic rollback it completes (time from the failed deployment to the restored revision, and whether the restored revision passed its smoke test). To test it on purpose, deploy a revision that fails its smoke test (the example's FAULT_MODE=never-complete) to a non-production service the gate watches.",
  needs: {
    document: "needs document: no rollback runbook published",
    evidence: "needs evidence: no rollback recorded",
  },
  params,
  sources: {
    evidence: recordedEvidence({
      howToGather:
        "let the post-deploy gate roll back a deployment that fails its smoke test (it records the restored revision)",
      roles: ["api"],
    }),
  },
  rules: [],
};
