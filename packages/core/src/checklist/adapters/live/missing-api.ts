import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  DeserializeHandlerOutput,
  DeserializeMiddleware,
  MetadataBearer,
} from "@smithy/types";
import { isUnparseableAnswer } from "./errors";

/** Status codes an emulator uses for an API it lacks (moto: 500). 502–504 stay retried: gateways answer those in HTML too. */
const MISSING_API_STATUS = new Set([400, 404, 500, 501]);

/**
 * An answer to an API the endpoint lacks: named like the NotImplemented error AWS protocols use,
 * without `$metadata.httpStatusCode`, so the SDK's retry strategy counts it as a client error.
 */
export class MissingApiAnswerError extends Error {
  override readonly name = "NotImplemented";

  /**
   * The SDK's own error, kept as `answer`, not `cause`: the retry strategy looks through `cause`
   * and would find the HTTP 500 there and retry after all.
   */
  constructor(
    message: string,
    readonly answer: unknown,
  ) {
    super(message);
  }
}

/**
 * moto answers an action it lacks with HTTP 500 and an HTML page. The SDK retries a 500 (six
 * attempts with backoff: ~1 s per action on moto, ~4.5 s per live check for the IAM probe), yet no
 * retry can change that answer. Around the deserializer, this turns such an answer into a
 * MissingApiAnswerError, which is not retried and which translateSdkError reads as "endpoint lacks
 * <action>". AWS answers its own errors in the protocol's format, so they are untouched.
 */
export const missingApiNotRetried: DeserializeMiddleware<object, MetadataBearer> =
  (next: DeserializeHandler<object, MetadataBearer>) =>
  async (args: DeserializeHandlerArguments<object>): Promise<DeserializeHandlerOutput<MetadataBearer>> => {
    try {
      return await next(args);
    } catch (error) {
      const shape = error as { $metadata?: { httpStatusCode?: number }; message?: string };
      const status = shape.$metadata?.httpStatusCode;
      if (status === undefined || !MISSING_API_STATUS.has(status) || !isUnparseableAnswer(shape)) throw error;
      throw new MissingApiAnswerError(
        `HTTP ${status} with an answer that is not the API's format (${shape.message})`,
        error,
      );
    }
  };

/** Adds the middleware to a client, around (before) the SDK's deserializer; returns the client. */
export const withMissingApiNotRetried = <T>(client: T): T => {
  // Every SDK v3 client has a middlewareStack; its add() is typed per service, hence the cast.
  const stack = (client as { middlewareStack: { add(middleware: unknown, options: object): void } }).middlewareStack;
  stack.add(missingApiNotRetried, { step: "deserialize", priority: "high", name: "readinessMissingApiNotRetried" });
  return client;
};
