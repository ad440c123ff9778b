import { optionalEnv, requiredEnv } from "../kernel/observability/env";

/** What the Config evaluator function reads from its environment, validated once at cold start. */
export interface EvaluatorSettings {
  readonly resultsTableName: string;
  readonly region: string;
  /** Any AWS-compatible endpoint (the emulator, LocalStack); absent in AWS. */
  readonly endpoint?: string;
}

export const readEvaluatorSettings = (env: NodeJS.ProcessEnv = process.env): EvaluatorSettings => ({
  resultsTableName: requiredEnv(env, "RESULTS_TABLE_NAME", "the stack sets it to the results table's name"),
  region: requiredEnv(env, "AWS_REGION", "Lambda sets it; locally export AWS_REGION=us-east-1"),
  endpoint: optionalEnv(env, "AWS_ENDPOINT_URL", (value) => {
    try {
      return Boolean(new URL(value));
    } catch {
      return false;
    }
  }),
});
