import { ReadinessError } from "../../kernel/errors";

/**
 * A rule or checklist declaration from which no valid deployment can be derived (a wildcard IAM
 * action, a scope AWS Config rejects, input parameters over Config's size limit). Raised at
 * synth time, so a bad declaration never reaches an account.
 */
export class DerivationError extends ReadinessError {
  constructor(
    message: string,
    /** How to fix the declaration. */
    readonly hint: string,
  ) {
    super(`${message}\n  hint: ${hint}`);
  }
}
