import { expect } from "vitest";

/**
 * A vitest setup file: names the running test file in READINESS_TEST_FILE, which the processes it
 * starts inherit, so `startEmulator` can refuse to run for a test whose name does not say it needs
 * the emulator (`*.emulator.test.ts`). `npm run test:unit` leaves those out; this keeps it honest.
 */
process.env.READINESS_TEST_FILE = expect.getState().testPath ?? "";
