/**
 * The part of esbuild's plugin API this plugin uses. Typed here because SST deploys with its own
 * esbuild (0.18) and the bench with the repository's (0.28); the plugin works with both.
 */
interface PluginBuild {
  readonly initialOptions: { readonly external?: readonly string[] };
  onResolve(
    options: { filter: RegExp; namespace?: string },
    callback: (args: {
      path: string;
      namespace: string;
    }) => { path: string; namespace?: string; external?: boolean } | undefined,
  ): void;
  onLoad(
    options: { filter: RegExp; namespace: string },
    callback: (args: { path: string }) => { contents: string; loader: "js" },
  ): void;
}

const NAMESPACE = "sdk-require";

/**
 * esbuild's `external` semantics: a pattern with one `*` matches any text in its place; a plain
 * pattern matches the package and its subpaths.
 */
export const isExternal = (path: string, patterns: readonly string[]): boolean =>
  patterns.some((pattern) => {
    const star = pattern.indexOf("*");
    if (star < 0) return path === pattern || path.startsWith(`${pattern}/`);
    const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
    return path.length >= prefix.length + suffix.length && path.startsWith(prefix) && path.endsWith(suffix);
  });

/**
 * Loads the AWS SDK v3 (left out of the bundle: the nodejs22.x runtime provides it) with
 * `require()` instead of `import`. The SDK's packages are CommonJS; when an ES module imports one
 * by name, Node first scans the whole CommonJS source for its export names (cjs-module-lexer) and
 * goes through its ESM loader: on the development machine that was about a third of each
 * function's module init (gate ~200 → ~140 ms, evaluator ~530 → ~360 ms; bench/README.md).
 * `require()` loads the same module without that scan; the bundle then reads the names off
 * `module.exports`, the same objects the import would give. Each `@aws-sdk/*` import becomes a
 * one-line CommonJS module `module.exports = require("…")`, and the `require` inside stays
 * external: SST's ESM banner defines `require` with `createRequire`. Only the SDK packages the
 * build's `external` option leaves out are touched: a client taken off that list (an API newer
 * than the runtime's SDK) is bundled as before.
 */
export const sdkLoadedWithRequire = {
  name: "sdk-loaded-with-require",
  setup(build: PluginBuild): void {
    const external = build.initialOptions.external ?? [];
    build.onResolve({ filter: /^@aws-sdk\// }, (args) => {
      if (args.namespace === NAMESPACE) return { path: args.path, external: true };
      return isExternal(args.path, external) ? { path: args.path, namespace: NAMESPACE } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};
