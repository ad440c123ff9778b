// Types for build.mjs (plain JavaScript so `npm ci` can run it without tsx).
import type { BundleStamp } from "./bundle-stamp.mjs";

export declare const buildCli: (options?: {
  readonly entry?: string;
  readonly outdir?: string;
  readonly extraInputs?: readonly string[];
}) => Promise<BundleStamp>;
