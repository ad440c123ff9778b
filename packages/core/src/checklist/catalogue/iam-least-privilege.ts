import * as z from "../../kernel/validation/zod";
import { iamSimulation } from "../sources/iam-simulation";
import { declareItem, type ItemDeclaration } from "./item";
import { iamActionName } from "./param-types";
import { iamLeastPrivilege } from "../rules/iam/iam-least-privilege";

const params = z
  .strictObject({
    /**
     * Actions every task role must be denied (probe part, SimulatePrincipalPolicy). The simulator
     * evaluates each name as one request, so a wildcard (`iam:*`) is only "allowed" where a policy
     * grants that wildcard itself: name the concrete actions that matter.
     */
    mustDeny: z
      ._default(z.array(iamActionName), [
        "iam:PassRole",
        "iam:CreateAccessKey",
        "iam:AttachRolePolicy",
        "iam:PutRolePolicy",
        "sts:AssumeRole",
        "s3:DeleteBucket",
        "dynamodb:DeleteTable",
        "sqs:DeleteQueue",
      ])
      .check(z.describe("actions every task role must be denied (probe)")),
    /** Actions every task role must be allowed (probe part). */
    mustAllow: z
      ._default(z.array(iamActionName), [])
      .check(z.describe("actions every task role must be allowed (probe)")),
  })
  .check(
    z.superRefine((params, ctx) => {
      // One action cannot be both denied and allowed: the probe would fail every role whatever it grants.
      const denied = new Set(params.mustDeny.map((a) => a.toLowerCase()));
      params.mustAllow.forEach((action, index) => {
        if (denied.has(action.toLowerCase()))
          ctx.addIssue({
            code: "custom",
            path: ["mustAllow", index],
            message: `"${action}" is in both mustDeny and mustAllow; keep it in one of them`,
          });
      });
    }),
  );

/** IAM task roles: least privilege verified with simulate-principal-policy */
export const iamLeastPrivilegeItem: ItemDeclaration<"iam-least-privilege", typeof params> = declareItem({
  id: "iam-least-privilege",
  section: "Security",
  title: "IAM task roles: least privilege verified with simulate-principal-policy",
  severity: "critical",
  decidedBy:
    "task role policies have no `*` actions and no `*` resources on write actions, no admin/full-access managed policies; `SimulatePrincipalPolicy` denies every action in the must-deny set and allows every action in the must-allow set",
  remediation:
    "Scope each task role's statements to the actions and resource ARNs the service uses; remove AdministratorAccess/*FullAccess managed policies.",
  needs: { probe: "SimulatePrincipalPolicy has not been run against the task roles" },
  params,
  sources: { probe: iamSimulation },
  rules: [iamLeastPrivilege],
});
