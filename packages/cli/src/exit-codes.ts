/** Exit codes of every readiness command (docs/cli.md). */
export const EXIT = {
  /** Every decided item passes (unknown items do not fail the run). */
  ok: 0,
  /** At least one item failed. */
  failed: 1,
  /** Usage error (bad flags) or bad input (template, readiness.yml, paths). */
  usage: 2,
  /**
   * `readiness smoke`: the run could not decide (target unreachable, timeouts, secret unavailable).
   * `readiness check --template`: the template was not read whole (a nested stack's template was
   * not found, and --allow-missing-nested was not given): its verdicts cover only part of the input.
   */
  inconclusive: 3,
  /** `readiness demo`: stopped by Ctrl-C (SIGINT) or SIGTERM, after stopping what it started (128 + SIGINT). */
  interrupted: 130,
  /** A bug in readiness (EX_SOFTWARE): report it with the --debug output. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
