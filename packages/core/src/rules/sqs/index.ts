import type { ConfigRule } from "../rule";
import { dlqCoverage } from "./dlq-coverage";

/** Rules whose subject resources are SQS queues. */
export const sqsRules: readonly ConfigRule[] = [dlqCoverage] as readonly ConfigRule[];
