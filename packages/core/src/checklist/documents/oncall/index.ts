export type { OncallInput } from "./decide";
export { decideOncall } from "./decide";
