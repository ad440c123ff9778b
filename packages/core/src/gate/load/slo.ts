import { paramsFromConfig } from "../../checklist/config/params";
import type { ReadinessConfig } from "../../checklist/config/schema";
import type { SloTarget } from "./types";

/** The `slo-defined` parameters a load test is judged by. */
export interface SloDefinedParams {
  readonly maxSubmitP99Ms: number;
  /** 99.9 → at most 0.1% of requests may fail. */
  readonly minAvailabilityPercent: number;
}

/** An availability objective as the error rate it allows (99.9% → 0.001), without float noise. */
export const maxErrorRateOf = (minAvailabilityPercent: number): number =>
  Math.round((100 - minAvailabilityPercent) * 1e9) / 1e11;

export const sloFromParams = (params: SloDefinedParams, source: string): SloTarget => ({
  maxP99Ms: params.maxSubmitP99Ms,
  maxErrorRate: maxErrorRateOf(params.minAvailabilityPercent),
  source,
});

/**
 * The SLO of a run: the SLO document's when one is given (its wiring is not built yet: the caller
 * passes what the document says), else the `slo-defined` parameters of readiness.yml, else their
 * defaults; then any flag given overrides its part. `source` says which, so every output can.
 */
export const resolveSlo = (input: {
  readonly document?: SloTarget;
  readonly config: ReadinessConfig;
  /** The readiness.yml read, as shown to the user; undefined when there is none. */
  readonly configFile?: string;
  readonly overrides?: { readonly maxP99Ms?: number; readonly maxErrorRate?: number };
}): SloTarget => {
  const base = input.document ?? fromConfig(input.config, input.configFile);
  const { maxP99Ms, maxErrorRate } = input.overrides ?? {};
  const flags = [maxP99Ms !== undefined ? "--slo-p99-ms" : "", maxErrorRate !== undefined ? "--slo-error-rate" : ""]
    .filter(Boolean)
    .join(", ");
  if (!flags) return base;
  const both = maxP99Ms !== undefined && maxErrorRate !== undefined;
  return {
    maxP99Ms: maxP99Ms ?? base.maxP99Ms,
    maxErrorRate: maxErrorRate ?? base.maxErrorRate,
    source: both ? `flags (${flags})` : `flags (${flags}) over ${base.source}`,
  };
};

const fromConfig = (config: ReadinessConfig, configFile: string | undefined): SloTarget => {
  const params = paramsFromConfig(config)("slo-defined") as SloDefinedParams;
  const written = (config.rules as Record<string, unknown>)["slo-defined"] !== undefined;
  return sloFromParams(params, written && configFile ? `${configFile} rules.slo-defined` : "slo-defined defaults");
};
