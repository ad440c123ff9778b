/*
 * The constraints an AWS API model declares on a request (required members, string and list
 * lengths, integer ranges, enums, patterns), checked the way the service's front end checks them
 * before any business logic runs. AWS reports every violation of a request at once:
 *   "2 validation errors detected: Value 'x' at 'evaluations.1.member.annotation' failed to satisfy
 *    constraint: Member must have length less than or equal to 256; Value null at ..."
 * (seen verbatim in PutEvaluations failures, e.g. aws-quickstart/quickstart-compliance-cis-benchmark#4).
 * Each service module turns the problems into the exception its protocol uses: ValidationException
 * for JSON services such as AWS Config, ValidationError for query services such as IAM.
 */

/** Long values are quoted cut, as AWS does not echo megabytes back either. */
const shown = (value: unknown): string => {
  if (value === undefined || value === null) return "null";
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : String(value);
  return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
};

export class ConstraintCheck {
  readonly problems: string[] = [];

  private fail(value: unknown, at: string, constraint: string): void {
    this.problems.push(`Value ${shown(value)} at '${at}' failed to satisfy constraint: ${constraint}`);
  }

  /** False when the member is missing (and records it), so callers skip its other checks. */
  required(value: unknown, at: string): boolean {
    if (value !== undefined && value !== null) return true;
    this.fail(value, at, "Member must not be null");
    return false;
  }

  /** String length in characters (UTF-16 code units, as the SDKs count them). */
  length(value: string | undefined, at: string, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== "string") this.fail(value, at, "Member must be a string");
    else if (value.length < min) this.fail(value, at, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max) this.fail(value, at, `Member must have length less than or equal to ${max}`);
  }

  /** List size. */
  count(value: readonly unknown[] | undefined, at: string, min: number, max: number): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) this.fail(value, at, "Member must be a list");
    else if (value.length < min)
      this.fail(`[${value.length} items]`, at, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max)
      this.fail(`[${value.length} items]`, at, `Member must have length less than or equal to ${max}`);
  }

  range(value: number | undefined, at: string, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value)) this.fail(value, at, "Member must be an integer");
    else if (value < min) this.fail(value, at, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.fail(value, at, `Member must have value less than or equal to ${max}`);
  }

  oneOf(value: string | undefined, at: string, allowed: readonly string[]): void {
    if (value === undefined || allowed.includes(value)) return;
    this.fail(value, at, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }

  /** `pattern` is the model's regular expression; it must match the whole value. */
  pattern(value: string | undefined, at: string, pattern: string): void {
    if (value === undefined || typeof value !== "string") return;
    if (!new RegExp(`^(?:${pattern})$`, "u").test(value))
      this.fail(value, at, `Member must satisfy regular expression pattern: ${pattern}`);
  }

  timestamp(value: unknown, at: string): void {
    if (value === undefined || value === null) return;
    const time = value instanceof Date ? value.getTime() : Number.NaN;
    if (Number.isNaN(time)) this.fail(value, at, "Member must be a timestamp");
  }

  /** The message AWS gives, or undefined when nothing failed. */
  message(): string | undefined {
    const n = this.problems.length;
    if (n === 0) return undefined;
    return `${n} validation error${n === 1 ? "" : "s"} detected: ${this.problems.join("; ")}`;
  }
}

/** The path AWS names a list member by: 1-based, `.member.` between list and field. */
export const memberAt = (list: string, index: number, field?: string): string =>
  `${list}.${index + 1}.member${field ? `.${field}` : ""}`;
