import { InputError } from "../../kernel/errors";

/** A drill that cannot be run as asked (no such worker, a production service, missing identity): exit 2. */
export class DrillInputError extends InputError {}
