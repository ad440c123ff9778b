import type { CheckOutcome } from "@readiness/core/check/check-inventory";
import type { LiveCheckInput } from "@readiness/core/check/check-live";
import type { TemplateCheckInput, TemplateCheckOutcome } from "@readiness/core/check/check-template";

/** The check sources the CLI composes; tests swap them to feed inventories built with the test builders. */
export interface CliDeps {
  readonly checkTemplate: (input: TemplateCheckInput) => Promise<TemplateCheckOutcome>;
  readonly checkLive: (input: LiveCheckInput) => Promise<CheckOutcome>;
}

// Loaded on first use: the live path pulls in the AWS SDK, which `readiness items` should never pay for.
export const defaultDeps: CliDeps = {
  checkTemplate: async (input) => (await import("@readiness/core/check/check-template")).checkTemplate(input),
  checkLive: async (input) => (await import("@readiness/core/check/check-live")).checkLive(input),
};
