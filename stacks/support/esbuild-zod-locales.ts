import { dirname, join } from "node:path";

/**
 * The part of esbuild's plugin API this plugin uses. Typed here because SST deploys with its own
 * esbuild (0.18) and the bench with the repository's (0.28); the plugin works with both.
 */
interface PluginBuild {
  onResolve(
    options: { filter: RegExp },
    callback: (args: { path: string; importer: string }) => { path: string; namespace: string } | undefined,
  ): void;
  onLoad(
    options: { filter: RegExp; namespace: string },
    callback: (args: { path: string }) => { contents: string; resolveDir: string; loader: "js" },
  ): void;
}

/**
 * zod 4 re-exports all of its ~50 locales (`z.locales`) from its entry, which no bundler can
 * shake off: about 260 KB of a minified Lambda bundle. readiness only ever uses zod's English
 * messages (zod configures `en` itself), so this plugin resolves zod's locales index to a module
 * that exports `en` alone.
 */
export const zodEnglishLocaleOnly = {
  name: "zod-english-locale-only",
  setup(build: PluginBuild): void {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), "../locales/index.js"), namespace: "zod-locales" };
    });
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};
