// Types for build.mjs (plain JavaScript so `npm ci` can run it without tsx).
import type { BundleStamp } from "./bundle-stamp.mjs";

export declare const buildCli: (options?: {
  readonly entry?: string;
  readonly outdir?: string;
  readonly extraInputs?: readonly string[];
}) => Promise<BundleStamp>;

/** The first input whose modification time is after `startedAt` (a Date.now() value), or undefined. */
export declare const inputChangedSince: (
  inputs: Readonly<Record<string, { readonly mtimeMs: number; readonly size: number }>>,
  startedAt: number,
) => string | undefined;
