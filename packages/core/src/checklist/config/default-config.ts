import type { ReadinessConfig } from "./schema";

/**
 * readiness.yml when there is none (the Config rules' scope: every service, default parameters),
 * written out rather than parsed, so a function that needs only this does not load the schema at
 * cold start. default-config.test.ts holds it equal to `readinessConfigSchema.parse({ version: 1 })`.
 */
export const DEFAULT_CONFIG: ReadinessConfig = { version: 1, services: [], rules: {} };
