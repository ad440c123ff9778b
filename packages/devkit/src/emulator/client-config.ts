import { EMULATOR_TEST_CREDENTIALS } from "@readiness/core/checklist/adapters/live/emulator-credentials";

/**
 * Configuration for AWS SDK v3 clients talking to the local emulator. The credentials are fixed
 * test values that moto accepts; they exist only in the config objects built here, never in the
 * environment or the logs.
 */
export interface EmulatorClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
}

export { EMULATOR_TEST_CREDENTIALS };

export const DEFAULT_EMULATOR_REGION = "us-east-1";

export function sdkConfigFor(endpoint: string, region: string = DEFAULT_EMULATOR_REGION): EmulatorClientConfig {
  return {
    endpoint,
    region,
    credentials: { ...EMULATOR_TEST_CREDENTIALS },
    maxAttempts: 3,
  };
}
