/*
 * How a contract test answers a stubbed AWS call: the request is first checked against what the
 * real API refuses (the validators beside this file), then answered. A stub that accepted anything
 * is how the evaluator came to post INSUFFICIENT_DATA, which AWS Config refuses, with every test
 * green.
 */
import type { InitializeHandlerOptions, InitializeMiddleware } from "@smithy/types";

/** What a stub answers a request with: a response, or a function of the request (throw to refuse). */
export type Answer<I, O> = O | ((input: I) => O | Promise<O>);

const answerOf = async <I, O>(answer: Answer<I, O>, input: I): Promise<O> =>
  typeof answer === "function" ? (answer as (input: I) => O | Promise<O>)(input) : answer;

/** Answers in turn, one per call; the last one answers every later call. */
export const inTurn = <I, O>(...answers: Answer<I, O>[]): ((input: I) => Promise<O>) => {
  if (answers.length === 0) throw new Error("inTurn needs at least one answer");
  let call = 0;
  return (input) => answerOf(answers[Math.min(call++, answers.length - 1)]!, input);
};

/** An answer that refuses every request with `error` (after the request was validated). */
export const refuseWith = (error: Error) => (): never => {
  throw error;
};

/** The function to give aws-sdk-client-mock's `callsFake`: validate, then answer. */
export const validatedAnswer =
  <I, O>(validate: (input: I) => void, answer: Answer<I, O>) =>
  async (input: I): Promise<O> => {
    validate(input);
    return answerOf(answer, input);
  };

/** Validators by the SDK's command name (`PutEvaluationsCommand`). */
export type RequestValidators = Readonly<Record<string, (input: never) => void>>;

/**
 * For real clients sent to the emulator: every request of a command that has a validator is
 * checked before it leaves, so a call moto would accept (PutEvaluations with INSUFFICIENT_DATA in
 * test mode) still fails the test the way AWS would fail it.
 */
/** The part of an SDK client's middleware stack this needs (method syntax: any client's stack fits). */
interface AcceptsInitializeMiddleware {
  add(middleware: InitializeMiddleware<object, object>, options: InitializeHandlerOptions & { name: string }): void;
}

export const validateBeforeSending = <C extends { readonly middlewareStack: AcceptsInitializeMiddleware }>(
  client: C,
  validators: RequestValidators,
): C => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const validate = validators[context.commandName ?? ""] as ((input: unknown) => void) | undefined;
      validate?.(args.input);
      return next(args);
    },
    { step: "initialize", name: "awsContractValidation", override: true },
  );
  return client;
};
