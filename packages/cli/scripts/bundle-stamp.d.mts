// Types for bundle-stamp.mjs (plain JavaScript so the bin can load it before tsx).
export interface StampedInput {
  readonly mtimeMs: number;
  readonly size: number;
}
export interface BundleStamp {
  readonly version: number;
  readonly builtWith: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, StampedInput>>;
  readonly outputs: readonly string[];
}
export interface Freshness {
  readonly fresh: boolean;
  readonly reason: string;
}
export declare const STAMP_FILE: string;
export declare const SOURCE_ONLY_COMMANDS: ReadonlySet<string>;
export declare const DEFAULT_DIST_DIR: string;
export declare const commandOf: (argv: readonly string[]) => string | undefined;
export declare const stampFor: (
  distDir: string,
  inputs: readonly string[],
  outputs: readonly string[],
  builtWith: Readonly<Record<string, string>>,
) => BundleStamp;
export declare const bundleFreshness: (distDir: string) => Freshness;
