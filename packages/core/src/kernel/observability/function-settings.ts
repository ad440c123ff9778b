import { optionalEnv, requiredEnv } from "./env";

/** What every readiness Lambda function reads from its environment the same way. */
export interface FunctionSettings {
  readonly resultsTableName: string;
  readonly region: string;
  /** Any AWS-compatible endpoint (the emulator, LocalStack); absent in AWS. */
  readonly endpoint?: string;
}

const isUrl = (value: string): boolean => {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
};

/** The results table, the region and the endpoint; fails fast on a missing table or region, or an endpoint that is no URL. */
export const readFunctionSettings = (env: NodeJS.ProcessEnv): FunctionSettings => ({
  resultsTableName: requiredEnv(env, "RESULTS_TABLE_NAME", "the stack sets it to the results table's name"),
  region: requiredEnv(env, "AWS_REGION", "Lambda sets it; locally export AWS_REGION=us-east-1"),
  endpoint: optionalEnv(env, "AWS_ENDPOINT_URL", isUrl),
});
