/**
 * One error hierarchy for readiness. Input problems (bad templates, bad config, bad flags) are
 * `InputError`s: the CLI prints them without a stack trace and exits 2.
 */
export class ReadinessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in an input file a problem is. */
export interface InputPlace {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON-pointer-like path inside the document, e.g. "Resources.Api.Properties". */
  readonly path?: string;
}

/** Bad user input: message says what, `place` says where, `hint` says how to fix. */
export class InputError extends ReadinessError {
  constructor(
    message: string,
    readonly place?: InputPlace,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** "file:line:col: message (at path)\n  hint" */
  describe(): string {
    const where = this.place
      ? `${this.place.file}${this.place.line ? `:${this.place.line}` : ""}${this.place.column ? `:${this.place.column}` : ""}: `
      : "";
    const at = this.place?.path ? ` (at ${this.place.path})` : "";
    return `${where}${this.message}${at}${this.hint ? `\n  hint: ${this.hint}` : ""}`;
  }
}

export class TemplateError extends InputError {}
export class ConfigFileError extends InputError {}
export class UsageError extends InputError {}

/** A smoke target or spec that cannot be run as given (bad endpoint, bad timeout, unreadable certificate). */
export class SmokeConfigError extends InputError {}
