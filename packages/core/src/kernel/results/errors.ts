import { ReadinessError } from "../errors";

/** Reading or writing the results table failed; the message says what, in which table, and the SDK's error. */
export class ResultsStoreError extends ReadinessError {}
