export type { SloDefinedInput } from "./decide";
export { decideSloDefined } from "./decide";
export type { SloIndicatorSeries } from "./indicators";
export { sloIndicatorSeries } from "./indicators";
