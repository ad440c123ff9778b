import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.sst/**", "**/cdk.out/**"],
    // Names the running test file for the processes it starts (the emulator guard, *.emulator.test.ts).
    setupFiles: ["packages/devkit/src/test-support/test-file-env.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { POWERTOOLS_TRACE_ENABLED: "false", POWERTOOLS_DEV: "false" },
  },
});
