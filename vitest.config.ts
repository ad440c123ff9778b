import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.sst/**", "**/cdk.out/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { POWERTOOLS_TRACE_ENABLED: "false", POWERTOOLS_DEV: "false" },
  },
});
