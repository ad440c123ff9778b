import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";
import { goldenSignalsQueues } from "../rules/cloudwatch/golden-signals-queues";
import { goldenSignalsServices } from "../rules/cloudwatch/golden-signals-services";

const params = z.strictObject({});

/** Metrics: four golden signals + SQS queue depth + DLQ depth */
export const goldenSignalsItem: ItemDeclaration<"golden-signals", typeof params> = declareItem({
  id: "golden-signals",
  section: "Observability",
  title: "Metrics: four golden signals + SQS queue depth + DLQ depth",
  severity: "medium",
  decidedBy:
    "latency, traffic, errors, saturation are recorded for the API and Worker; queue depth and DLQ depth are measured for every queue",
  remediation:
    "Add CloudWatch alarms (or recording rules) on ApproximateNumberOfMessagesVisible for every queue and DLQ, and record latency, traffic, errors and saturation for the API and Worker.",
  needs: {
    document:
      "no Prometheus recording rules or dashboards read for latency, traffic, errors and saturation (set documents.prometheusRules or documents.dashboards in readiness.yml)",
  },
  params,
  sources: { document: documentPart((d) => d.goldenSignals) },
  rules: [goldenSignalsQueues, goldenSignalsServices],
});
