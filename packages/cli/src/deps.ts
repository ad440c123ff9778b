import type { CheckOutcome } from "@readiness/core/checklist/check/check-inventory";
import type { LiveCheckInput } from "@readiness/core/checklist/check/check-live";
import type { TemplateCheckInput, TemplateCheckOutcome } from "@readiness/core/checklist/check/check-template";

/** The check sources the CLI composes; tests swap them to feed inventories built with the test builders. */
export interface CliDeps {
  readonly checkTemplate: (input: TemplateCheckInput) => Promise<TemplateCheckOutcome>;
  readonly checkLive: (input: LiveCheckInput) => Promise<CheckOutcome>;
}

// Loaded on first use: the live path pulls in the AWS SDK, which `readiness items` should never pay for.
export const defaultDeps: CliDeps = {
  checkTemplate: async (input) => (await import("@readiness/core/checklist/check/check-template")).checkTemplate(input),
  checkLive: async (input) => (await import("@readiness/core/checklist/check/check-live")).checkLive(input),
};
