import type { ConfigRule } from "../rule";
import { goldenSignalsQueues } from "./golden-signals-queues";
import { goldenSignalsServices } from "./golden-signals-services";

/** Rules whose evidence is CloudWatch alarms (their subjects are the queues and services alarmed). */
export const cloudwatchRules: readonly ConfigRule[] = [
  goldenSignalsQueues,
  goldenSignalsServices,
] as readonly ConfigRule[];
