export * from "./env";
export * from "./log";
export * from "./powertools";
export * from "./function-settings";
