export type { CicdGateInput } from "./decide";
export { decideCicdGate } from "./decide";
