/**
 * The fixed, non-secret credentials a local emulator (moto) accepts. A live check against a
 * loopback endpoint uses them when nothing else is configured; the devkit's emulator clients too.
 */
export const EMULATOR_TEST_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" } as const;
