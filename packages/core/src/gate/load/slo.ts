import { paramsFromConfig } from "../../checklist/config/params";
import type { ReadinessConfig } from "../../checklist/config/schema";
import { InputError } from "../../kernel/errors";
import { completeSlo, maxErrorRateOf, type SloFromDocument } from "./slo-document";
import type { SloTarget } from "./types";

/** The `slo-defined` parameters a load test is judged by. */
export interface SloDefinedParams {
  readonly maxSubmitP99Ms: number;
  /** 99.9 → at most 0.1% of requests may fail. */
  readonly minAvailabilityPercent: number;
  /** Marks the submit latency objective in an SLO document. */
  readonly submitKeyword: string;
}

/** readiness.yml's `slo-defined` parameters, defaults filled in. */
export const sloDefinedParams = (config: ReadinessConfig): SloDefinedParams =>
  paramsFromConfig(config)("slo-defined") as SloDefinedParams;

export { maxErrorRateOf } from "./slo-document";

export const sloFromParams = (params: SloDefinedParams, source: string): SloTarget => ({
  maxP99Ms: params.maxSubmitP99Ms,
  maxErrorRate: maxErrorRateOf(params.minAvailabilityPercent),
  source,
});

/**
 * The SLO of a run: the SLO document's when one is given (`--slo-document`, read as `slo-defined`
 * reads it), else the `slo-defined` parameters of readiness.yml, else their defaults; then any
 * flag given overrides its part. `source` says which, so every output can. A document that gives
 * neither a part nor a flag for it is an input error: a run is never judged against a default the
 * user did not choose when they pointed at their own SLO.
 */
export const resolveSlo = (input: {
  readonly document?: SloFromDocument;
  readonly config: ReadinessConfig;
  /** The readiness.yml read, as shown to the user; undefined when there is none. */
  readonly configFile?: string;
  readonly overrides?: { readonly maxP99Ms?: number; readonly maxErrorRate?: number };
}): SloTarget => {
  const { maxP99Ms, maxErrorRate } = input.overrides ?? {};
  const base = input.document
    ? fromDocument(input.document, input.overrides ?? {})
    : fromConfig(input.config, input.configFile);
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

const fromDocument = (
  document: SloFromDocument,
  overrides: { readonly maxP99Ms?: number; readonly maxErrorRate?: number },
): SloTarget => {
  const complete = completeSlo(document);
  if (complete) return complete;
  const missing = [
    document.maxP99Ms === undefined && overrides.maxP99Ms === undefined ? "--slo-p99-ms" : "",
    document.maxErrorRate === undefined && overrides.maxErrorRate === undefined ? "--slo-error-rate" : "",
  ].filter(Boolean);
  if (missing.length > 0)
    throw new InputError(
      `the SLO document does not give the objectives to judge the run by: ${document.problems.join("; ")}`,
      undefined,
      `fix the document (docs/documents.md, slo-defined), or pass ${missing.join(" and ")}`,
    );
  // Every missing part has its flag: the caller's overrides fill them in.
  return { maxP99Ms: document.maxP99Ms ?? 0, maxErrorRate: document.maxErrorRate ?? 0, source: document.source };
};

const fromConfig = (config: ReadinessConfig, configFile: string | undefined): SloTarget => {
  const params = sloDefinedParams(config);
  const written = (config.rules as Record<string, unknown>)["slo-defined"] !== undefined;
  return sloFromParams(params, written && configFile ? `${configFile} rules.slo-defined` : "slo-defined defaults");
};
