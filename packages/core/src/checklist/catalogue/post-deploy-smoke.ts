import * as z from "../../kernel/validation/zod";
import { smokeRuns } from "../sources/smoke-runs";
import { declareItem, type ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({ ...evidenceWindow() });

/** Post-deploy smoke test: submit a task, wait for completion, verify */
export const postDeploySmokeItem: ItemDeclaration<"post-deploy-smoke", typeof params> = declareItem({
  id: "post-deploy-smoke",
  section: "Operations",
  title: "Post-deploy smoke test: submit a task, wait for completion, verify",
  severity: "critical",
  decidedBy: "the revision each service is running now has a passing smoke run recorded",
  remediation:
    "Deploy the readiness gate so every deployment is smoke-tested, or run `readiness smoke` against the running revision.",
  needs: { evidence: "no smoke run recorded for the running revision" },
  params,
  sources: { evidence: smokeRuns },
});
