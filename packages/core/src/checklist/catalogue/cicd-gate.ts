import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";
import { cicdGate } from "../rules/ecs/cicd-gate";

const params = z.strictObject({
  /** The branch whose pushes deploy and that pull requests target. */
  mainBranch: z
    ._default(z.string().check(z.minLength(1)), "main")
    .check(z.describe("branch whose pushes deploy and that pull requests target (CI workflows)")),
});

/** CI/CD pipeline: PR gate + rolling deploy on main merge */
export const cicdGateItem: ItemDeclaration<"cicd-gate", typeof params> = declareItem({
  id: "cicd-gate",
  section: "Operations",
  title: "CI/CD pipeline: PR gate + rolling deploy on main merge",
  severity: "high",
  decidedBy:
    "CI workflow runs tests on pull requests and deploys on main; ECS services use rolling deployments with the circuit breaker (rollback on) or a lifecycle-hook strategy",
  remediation:
    "Enable `DeploymentConfiguration.DeploymentCircuitBreaker` with `Enable: true, Rollback: true` (ECS rolling deployments), or use a blue/green strategy with lifecycle hooks; gate pull requests on tests and deploy on merge to main.",
  needs: { document: "no CI workflow (set documents.ciWorkflows in readiness.yml)" },
  params,
  sources: { document: documentPart((d) => d.cicdGate) },
  rules: [cicdGate],
});
