import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    // test/solo: measured under load they cannot be judged; `npm run test:solo` runs them alone, after.
    exclude: ["**/node_modules/**", "**/.sst/**", "**/cdk.out/**", "test/solo/**"],
    // Names the running test file for the processes it starts (the emulator guard, *.emulator.test.ts).
    setupFiles: ["packages/devkit/src/test-support/test-file-env.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { POWERTOOLS_TRACE_ENABLED: "false", POWERTOOLS_DEV: "false" },
  },
});
