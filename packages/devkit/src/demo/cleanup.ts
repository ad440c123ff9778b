/**
 * What the demo started, stopped in reverse order (the service before the emulator it talks to).
 * Every stop runs even when an earlier one fails; the failures are returned, not thrown, so the
 * caller can say what may still be running.
 */
export class Cleanup {
  private readonly steps: { readonly what: string; readonly stop: () => Promise<void> | void }[] = [];

  add(what: string, stop: () => Promise<void> | void): void {
    this.steps.push({ what, stop });
  }

  get size(): number {
    return this.steps.length;
  }

  async run(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await step.stop();
      } catch (error) {
        failures.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }
}
