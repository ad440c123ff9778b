import { type EmulatorClientConfig, sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { type Emulator, type MotoExtension, startEmulator } from "@readiness/devkit/emulator/moto";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface EmulatorHandle {
  /** The running emulator; throws when read before `beforeAll` ran. */
  readonly emulator: Emulator;
  /** SDK v3 client config for the emulator (endpoint, region, test credentials, maxAttempts). */
  clientConfig(region?: string): EmulatorClientConfig;
}

/**
 * Starts one moto server for the test file (beforeAll) and stops it (afterAll). With
 * `resetBeforeEach`, every test starts from an empty emulator. When the emulator cannot start the
 * hook throws, so every test of the file fails with the reason and the fix: never skipped.
 * `extensions` opts into moto extensions (see `MOTO_EXTENSIONS`); without them it is plain moto.
 */
export function useEmulator(
  options: { resetBeforeEach?: boolean; logFile?: string; extensions?: readonly MotoExtension[] } = {},
): EmulatorHandle {
  let running: Emulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ logFile: options.logFile, extensions: options.extensions });
  });
  if (options.resetBeforeEach)
    beforeEach(async () => {
      await emulatorOf().reset();
    });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  const emulatorOf = (): Emulator => {
    if (!running)
      throw new Error("the emulator is not running: useEmulator() must be called at the top of a test file");
    return running;
  };
  return {
    get emulator() {
      return emulatorOf();
    },
    clientConfig: (region) => sdkConfigFor(emulatorOf().endpoint, region),
  };
}
