import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({
  /** Days a cost estimate (`readiness cost`) stays valid: prices and the platform drift. */
  validityDays: z
    ._default(z.int().check(z.positive()), 90)
    .check(z.describe("how many days a cost estimate (`readiness cost`) stays valid")),
});

/** Cost estimate documented: ECS, DynamoDB, SQS, ALB, CloudWatch */
export const costEstimateItem: ItemDeclaration<"cost-estimate", typeof params> = declareItem({
  id: "cost-estimate",
  section: "Operations",
  title: "Cost estimate documented: ECS, DynamoDB, SQS, ALB, CloudWatch",
  severity: "low",
  decidedBy: "a cost estimate covering the five services exists (the product can generate one from the inventory)",
  remediation: "Publish a cost estimate covering ECS, DynamoDB, SQS, ALB and CloudWatch.",
  needs: {
    document:
      "no cost estimate (write one with `readiness cost --output`, set documents.costEstimate in readiness.yml)",
  },
  params,
  sources: { document: documentPart((d) => d.costEstimate) },
});
