import * as z from "../validation/zod";
import type { ItemDeclaration } from "./item";
import { dlqCoverage } from "../rules/sqs/dlq-coverage";

const params = z.strictObject({});

/** DLQ exists for all SQS queues; DLQ processor deployed */
export const dlqCoverageItem: ItemDeclaration<"dlq-coverage", typeof params> = {
  id: "dlq-coverage",
  section: "Reliability",
  title: "DLQ exists for all SQS queues; DLQ processor deployed",
  kinds: ["config"],
  severity: "high",
  decidedBy:
    "every source queue redrives to an existing DLQ with retention ≥ the source's, and every DLQ has a consumer",
  remediation:
    "Give every source queue a `RedrivePolicy` to a DLQ whose `MessageRetentionPeriod` is at least the source's, and deploy a DLQ processor (a Lambda event source mapping or a dlq-processor service) for every DLQ.",
  needs: {},
  params,
  rules: [dlqCoverage],
};
