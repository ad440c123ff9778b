import { ReadinessError } from "@readiness/core/kernel/errors";

/** The demo could not play its story: a step failed, or the gate did not do what the story expects. */
export class DemoError extends ReadinessError {}

/** The demo was stopped (Ctrl-C, SIGTERM) before its story ended. */
export class DemoInterruptedError extends ReadinessError {}
