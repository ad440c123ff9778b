import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { dlqCoverage } from "../rules/sqs/dlq-coverage";

const params = z.strictObject({});

/** DLQ exists for all SQS queues; DLQ processor deployed */
export const dlqCoverageItem: ItemDeclaration<"dlq-coverage", typeof params> = declareItem({
  id: "dlq-coverage",
  section: "Reliability",
  title: "DLQ exists for all SQS queues; DLQ processor deployed",
  severity: "high",
  decidedBy:
    "every source queue has a redrive policy to an existing DLQ (DLQs themselves exempt: a queue another queue redrives to, or that a Lambda function's `DeadLetterConfig`, an on-failure destination, an EventBridge target's `DeadLetterConfig` or an SNS subscription's `RedrivePolicy` names), DLQ retention ≥ source retention, and every DLQ has a consumer (Lambda event source mapping or a declared processor service that is running)",
  remediation:
    "Give every source queue a `RedrivePolicy` to a DLQ whose `MessageRetentionPeriod` is at least the source's, and deploy a DLQ processor (a Lambda event source mapping or a dlq-processor service) for every DLQ.",
  params,
  rules: [dlqCoverage],
});
