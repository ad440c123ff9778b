/** The cost-estimate item's document part: a `readiness cost` estimate of this template or account, fresh enough. */
export { type CostEstimateInput, decideCostEstimate, type EstimateSource } from "./decide";
export { readEstimate } from "./read-estimate";
