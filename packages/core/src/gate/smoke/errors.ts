import { InputError } from "../../kernel/errors";

/** A smoke target or spec that cannot be run as given (bad endpoint, bad timeout, unreadable certificate). */
export class SmokeConfigError extends InputError {}
