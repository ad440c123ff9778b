export * from "./actions";
export * from "./config-rules";
export * from "./errors";
export * from "./evaluator-policy";
export * from "./input-parameters";
export * from "./nightly-policy";
