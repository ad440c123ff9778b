import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";
import { goldenSignalsQueues } from "../rules/cloudwatch/golden-signals-queues";
import { goldenSignalsServices } from "../rules/cloudwatch/golden-signals-services";

const params = z.strictObject({});

/** Metrics: four golden signals + SQS queue depth + DLQ depth */
export const goldenSignalsItem: ItemDeclaration<"golden-signals", typeof params> = {
  id: "golden-signals",
  section: "Observability",
  title: "Metrics: four golden signals + SQS queue depth + DLQ depth",
  kinds: ["document", "config"],
  severity: "medium",
  decidedBy:
    "latency, traffic, errors, saturation are recorded for the API and Worker; queue depth and DLQ depth are measured for every queue",
  remediation:
    "Add CloudWatch alarms (or recording rules) on ApproximateNumberOfMessagesVisible for every queue and DLQ, and record latency, traffic, errors and saturation for the API and Worker.",
  needs: {
    document: "needs document: no metrics/recording rules published for latency, traffic, errors and saturation",
  },
  params,
  rules: [goldenSignalsQueues, goldenSignalsServices],
};
