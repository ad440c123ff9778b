import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * The solo tests: measurements that are part of what they test (the demo's load test must hold
 * 500 req/s with its P99 inside the SLO), so they run after the rest, one file at a time, on a
 * machine no other test file is loading. `npm test` runs them last (`npm run test:solo`).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/solo/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    fileParallelism: false,
  },
});
