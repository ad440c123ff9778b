import * as z from "../../kernel/validation/zod";
import type { CostEstimate } from "./estimate";
import { COST_SERVICES } from "./prices";

/** The version of the estimate document's shape (docs/cost.md); readers refuse any other. */
export const ESTIMATE_SCHEMA_VERSION = 1;

/** What an estimate was made from: the template files (by content digest) or the account and region read. */
export type MadeFrom =
  | {
      readonly kind: "template";
      /** `sha256:<hex>` over the template files' contents (templateDigest): the same files give the same digest wherever they are. */
      readonly digest: string;
      /** The files as given on the command line (informative; the digest decides). */
      readonly files: readonly string[];
    }
  | {
      readonly kind: "live";
      readonly accountId: string;
      readonly region: string;
      /** The endpoint read, when not AWS itself (the emulator). */
      readonly endpoint?: string;
    };

/** The JSON document `readiness cost` writes and the cost-estimate decider reads. */
export interface EstimateDocument extends Omit<CostEstimate, "lines"> {
  readonly schemaVersion: typeof ESTIMATE_SCHEMA_VERSION;
  /** ISO 8601 time the estimate was made. */
  readonly createdAt: string;
  readonly madeFrom: MadeFrom;
  /** The scope estimated, as `check` reports it: "services api, worker", "whole template", "account-wide". */
  readonly scope: string;
  readonly lines: CostEstimate["lines"];
}

export const toEstimateDocument = (
  estimate: CostEstimate,
  made: { readonly madeFrom: MadeFrom; readonly createdAt: Date; readonly scope: string },
): EstimateDocument => ({
  schemaVersion: ESTIMATE_SCHEMA_VERSION,
  createdAt: made.createdAt.toISOString(),
  region: estimate.region,
  currency: estimate.currency,
  priceTableDate: estimate.priceTableDate,
  madeFrom: made.madeFrom,
  scope: made.scope,
  total: estimate.total,
  totals: estimate.totals,
  lines: estimate.lines,
  assumptions: estimate.assumptions,
  notes: estimate.notes,
  warnings: estimate.warnings,
});

const text = z.string().check(z.minLength(1));

/**
 * What a reader of an estimate document relies on. Fields it does not read are not checked, so a
 * later writer may add some; a document of another schemaVersion is refused.
 */
export const estimateDocumentSchema = z.object({
  schemaVersion: z.literal(ESTIMATE_SCHEMA_VERSION),
  createdAt: z.iso.datetime({ offset: true }),
  region: text,
  currency: z.literal("USD"),
  priceTableDate: z.iso.date(),
  madeFrom: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("template"),
      digest: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
      files: z.array(z.string()),
    }),
    z.object({ kind: z.literal("live"), accountId: z.string().check(z.regex(/^\d{12}$/)), region: text }),
  ]),
  lines: z.array(
    z.object({
      service: z.enum(COST_SERVICES),
      resource: z.string(),
      item: z.string(),
      monthlyUsd: z.number(),
    }),
  ),
  totals: z.record(z.string(), z.number()),
  total: z.number(),
});

export type ParsedEstimateDocument = z.output<typeof estimateDocumentSchema>;
