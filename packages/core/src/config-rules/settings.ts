import { type FunctionSettings, readFunctionSettings } from "../kernel/observability/function-settings";

/** What the Config evaluator function reads from its environment, validated once at cold start. */
export type EvaluatorSettings = FunctionSettings;

export const readEvaluatorSettings = (env: NodeJS.ProcessEnv = process.env): EvaluatorSettings =>
  readFunctionSettings(env);
