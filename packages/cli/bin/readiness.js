#!/usr/bin/env node
// Starts the CLI from the prebuilt bundle (packages/cli/dist, built by `npm ci` through the root
// `prepare` script, or `npm run build:cli`) when every file it was built from is unchanged; otherwise,
// silently, from the TypeScript sources through tsx, so whoever edits src never runs stale code.
// `demo` and `smoke` always run from the sources: they load TypeScript under examples/ and
// packages/functions at run time, by paths relative to their own source files.
// READINESS_CLI_BUNDLE=off forces the sources; =explain prints the choice and its reason on stderr.
import { bundleFreshness, commandOf, DEFAULT_DIST_DIR, SOURCE_ONLY_COMMANDS } from "../scripts/bundle-stamp.mjs";

// Under Node < 22 the AWS SDK prints a nine-line warning on every run that its releases after early
// 2027 will need Node 22. The SDK versions in package-lock.json run on Node 20, which the CLI
// supports (README: Node 22 recommended, 20 supported), so the warning is switched off for the CLI
// and the processes it starts (the demo's task service). Setting the variable yourself wins.
if (
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined &&
  Number(process.versions.node.split(".")[0]) < 22
)
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const argv = process.argv.slice(2);
const mode = process.env.READINESS_CLI_BUNDLE;
const command = commandOf(argv);
const choice =
  mode === "off"
    ? { fresh: false, reason: "READINESS_CLI_BUNDLE=off" }
    : SOURCE_ONLY_COMMANDS.has(command)
      ? { fresh: false, reason: `\`${command}\` runs from the sources` }
      : bundleFreshness(DEFAULT_DIST_DIR);
if (mode === "explain")
  process.stderr.write(`readiness: ${choice.fresh ? "bundle" : "sources through tsx"} (${choice.reason})\n`);

if (choice.fresh) {
  // Stack traces printed by --debug then point into src/, not into the bundle's chunks.
  if (argv.includes("--debug")) process.setSourceMapsEnabled(true);
  await import("../dist/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
