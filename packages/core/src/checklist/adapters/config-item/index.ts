export * from "./identity";
export * from "./item";
export * from "./resource";
export { MANAGED_POLICY } from "./mappers/iam";
