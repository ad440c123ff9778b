export * from "./evaluations";
