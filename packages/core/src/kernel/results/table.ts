import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ReadinessError } from "../errors";
import { ResultsStoreError } from "./errors";

type StoreErrorType = new (message: string, options?: { cause?: unknown }) => ReadinessError;

/**
 * The results table as the stores see it: its name and the DynamoDB document client they call it
 * with, injected at construction (a test passes one pointed at the emulator; a function passes its
 * traced client). The calls themselves are small adapters in `dynamodb/`, one operation per file,
 * so a function's bundle holds only the calls it makes: the stack tests check each bundle's calls
 * against its IAM policy.
 */
export class ResultsTable {
  constructor(
    readonly documents: DynamoDBDocumentClient,
    readonly name: string,
    /** The error raised when a call fails (the gate's stores raise GateStoreError). */
    private readonly errorType: StoreErrorType = ResultsStoreError,
  ) {}

  /** On a plain DynamoDB client: absent optional attributes are left out of the items. */
  static on(dynamodb: DynamoDBClient, name: string, errorType?: StoreErrorType): ResultsTable {
    return new ResultsTable(
      DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
      name,
      errorType,
    );
  }

  /** The same table and client, raising `errorType`. */
  raising(errorType: StoreErrorType): ResultsTable {
    return new ResultsTable(this.documents, this.name, errorType);
  }

  /** Runs one SDK call; its failure becomes the store's error saying what could not be done, where, and why. */
  async call<T>(what: string, send: (documents: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
    try {
      return await send(this.documents);
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  failure(what: string, error: unknown): ReadinessError {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new this.errorType(`could not ${what} in ${this.name}: ${reason}`, { cause: error });
  }
}

/** A conditional write whose condition did not hold: an answer, not a failure. */
export const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === "ConditionalCheckFailedException";

/** One item as stored: its keys and attributes. */
export type StoredItem = Record<string, unknown>;
