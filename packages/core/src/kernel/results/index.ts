export * from "./evaluations";
export * from "./errors";
export * from "./layout";
export * from "./table";
