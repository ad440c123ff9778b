/**
 * Moves packages/core/src into its wings (kernel, checklist, config-rules, gate) and the test and
 * demo tooling into packages/devkit (issue 9.5, 9.6), rewriting every reference on the way:
 * relative imports and exports, `@readiness/core/…` specifiers, dynamic `import()` and
 * `typeof import()` strings, `vi.mock()` paths, `new URL("…", import.meta.url)` paths, and path
 * mentions (`packages/core/src/…`, `@readiness/core/…`) in comments, docs and config files.
 *
 *   npx tsx scripts/move-to-wings.ts                     move (git mv) and rewrite the checkout
 *   npx tsx scripts/move-to-wings.ts --package-imports   only rewrite: every relative import that
 *                                                        crosses a workspace package becomes
 *                                                        `@readiness/<package>/…` (one import style)
 *   npx tsx scripts/move-to-wings.ts --test-support      move test/support into packages/devkit
 *   npx tsx scripts/move-to-wings.ts --boundaries        move shared modules down (import-boundary test)
 *   add --dry-run to print what would change
 *
 * The move is a function of paths only (MOVES), so it also moves a branch's new files written
 * against the old layout: run it on that branch before merging it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import ts from "typescript";

const REPO = resolve(import.meta.dirname, "..");
const CORE = "packages/core/src/";

/** Old path (a file, or a folder ending in /) → new path; the longest match wins. */
const WING_MOVES: ReadonlyArray<readonly [string, string]> = [
  // Test and demo tooling → devkit.
  ["packages/core/src/emulator/", "packages/devkit/src/emulator/"],
  ["packages/core/src/testing/", "packages/devkit/src/testing/"],
  ["packages/core/src/demo/", "packages/devkit/src/demo/"],
  ["packages/core/src/smoke/testing/", "packages/devkit/src/smoke/"],
  ["packages/core/src/adapters/template/test-fixtures.ts", "packages/devkit/src/fixtures/templates.ts"],
  ["packages/core/src/report/fixtures.ts", "packages/devkit/src/fixtures/report.ts"],
  ["packages/core/src/rules/ecs/fixtures.ts", "packages/devkit/src/fixtures/ecs.ts"],
  ["packages/core/src/rules/network/fixtures.ts", "packages/devkit/src/fixtures/network.ts"],
  ["packages/core/src/rules/cloudwatch/fixtures.ts", "packages/devkit/src/fixtures/cloudwatch.ts"],
  ["packages/core/src/probes/test-inventory.ts", "packages/devkit/src/fixtures/probe-inventory.ts"],
  ["packages/core/src/iam/test-rules.ts", "packages/devkit/src/fixtures/iam-rules.ts"],
  [
    "packages/core/src/documents/alertmanager/fixtures/generate-tree.ts",
    "packages/devkit/src/fixtures/alertmanager-tree.ts",
  ],
  // The shared kernel.
  ["packages/core/src/errors.ts", "packages/core/src/kernel/errors.ts"],
  ...["validation", "observability", "results", "dead-letters"].map(
    (dir) => [`${CORE}${dir}/`, `${CORE}kernel/${dir}/`] as const,
  ),
  // The checklist.
  ...[
    "catalogue",
    "model",
    "inventory",
    "adapters",
    "rules",
    "engine",
    "report",
    "check",
    "config",
    "documents",
    "cost",
    "sources",
    "probes",
    "evidence",
    "iam",
  ].map((dir) => [`${CORE}${dir}/`, `${CORE}checklist/${dir}/`] as const),
  // The Config rules.
  ["packages/core/src/evaluator/", "packages/core/src/config-rules/"],
  // The gate.
  ["packages/core/src/gate/", "packages/core/src/gate/gate/"],
  ["packages/core/src/smoke/", "packages/core/src/gate/smoke/"],
];

/** Workspace packages whose `exports` map `./*` onto a folder: a module's specifier is its path there. */
const PACKAGES: ReadonlyArray<{ readonly name: string; readonly root: string }> = [
  { name: "@readiness/core", root: "packages/core/src/" },
  { name: "@readiness/devkit", root: "packages/devkit/src/" },
  { name: "@readiness/functions", root: "packages/functions/src/" },
  { name: "@readiness/example-task-platform", root: "examples/task-platform/" },
  { name: "@readiness/example-task-service", root: "examples/task-service/src/" },
];
/** Folders that belong to a package without being under its exported root (e.g. an example's tests). */
const PACKAGE_DIRS: ReadonlyArray<readonly [string, string]> = [
  ["packages/cli/", "@readiness/cli"],
  ["examples/task-service/", "@readiness/example-task-service"],
];

/** The second step: the tests' shared helpers (emulator, AWS API contracts, fake endpoints) join the devkit. */
const TEST_SUPPORT_MOVES: ReadonlyArray<readonly [string, string]> = [
  ["test/support/", "packages/devkit/src/test-support/"],
];

/** The third step: modules several wings use move down into the kernel (or their user's wing). */
const BOUNDARY_MOVES: ReadonlyArray<readonly [string, string]> = [
  ["packages/core/src/gate/smoke/backoff.ts", "packages/core/src/kernel/backoff.ts"],
  ["packages/core/src/checklist/model/ecs-arn.ts", "packages/core/src/kernel/ecs-arn.ts"],
  ["packages/core/src/checklist/model/ecs-arn.test.ts", "packages/core/src/kernel/ecs-arn.test.ts"],
  ["packages/core/src/checklist/check/suggest.ts", "packages/core/src/kernel/suggest.ts"],
  ["packages/core/src/checklist/check/suggest.test.ts", "packages/core/src/kernel/suggest.test.ts"],
  ["packages/core/src/config-rules/compliance.ts", "packages/core/src/kernel/results/compliance.ts"],
  ["packages/core/src/gate/smoke/settings.ts", "packages/core/src/checklist/config/smoke-settings.ts"],
  ["packages/core/src/gate/smoke/settings.test.ts", "packages/core/src/checklist/config/smoke-settings.test.ts"],
  ["packages/core/src/gate/gate/services.ts", "packages/core/src/checklist/config/gate-services.ts"],
  ["packages/core/src/gate/gate/services.test.ts", "packages/core/src/checklist/config/gate-services.test.ts"],
  ["packages/core/src/config-rules/smoke-evidence.ts", "packages/core/src/checklist/evidence/gate-runs-reader.ts"],
];

const args = new Set(process.argv.slice(2));
const dryRun = args.has("--dry-run");
const packageImports = args.has("--package-imports");
const testSupport = args.has("--test-support");
const boundaries = args.has("--boundaries");
const MOVES = testSupport ? TEST_SUPPORT_MOVES : boundaries ? BOUNDARY_MOVES : WING_MOVES;

const moved = (path: string): string => {
  if (packageImports) return path;
  let best: readonly [string, string] | undefined;
  for (const move of MOVES) {
    const [from] = move;
    const hit = from.endsWith("/") ? path.startsWith(from) || `${path}/` === from : path === from;
    if (hit && (!best || from.length > best[0].length)) best = move;
  }
  if (!best) return path;
  return `${best[1]}${path.slice(best[0].length)}`.replace(/\/$/, (slash) => (path.endsWith("/") ? slash : ""));
};

const packageOf = (path: string): string | undefined =>
  PACKAGES.find((p) => path.startsWith(p.root))?.name ?? PACKAGE_DIRS.find(([dir]) => path.startsWith(dir))?.[1];

const exportedAs = (path: string): string | undefined => {
  const pkg = PACKAGES.find((p) => path.startsWith(p.root));
  if (!pkg || !/\.(ts|mts)$/.test(path)) return undefined;
  return `${pkg.name}/${path.slice(pkg.root.length).replace(/\.m?ts$/, "")}`;
};

const fromSpecifier = (specifier: string): string | undefined => {
  const pkg = PACKAGES.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
  if (!pkg) return undefined;
  return specifier === pkg.name ? `${pkg.root}index` : `${pkg.root}${specifier.slice(pkg.name.length + 1)}`;
};

const isFile = (path: string): boolean => existsSync(join(REPO, path)) && statSync(join(REPO, path)).isFile();

/** The file a module specifier names (repo-relative), trying TypeScript's extensions and index files. */
const resolveModule = (base: string): string | undefined => {
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, `${base}.mjs`, `${base}.js`, `${base}/index.ts`])
    if (isFile(candidate)) return candidate;
  return undefined;
};

const tracked = execFileSync("git", ["ls-files"], { cwd: REPO, encoding: "utf8" })
  .split("\n")
  .filter((file) => file && isFile(file));

const SOURCE = /\.(ts|mts|mjs|js)$/;
const TEXT = /\.(ts|mts|mjs|js|md|json|ya?ml|sh|py)$/;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A relative specifier from `fromFile` to `target`, in the original's form (extension, index). */
const relativeSpecifier = (fromFile: string, target: string, original: string, keepExtension: boolean): string => {
  let path = posix.relative(posix.dirname(fromFile), target);
  if (!keepExtension) {
    const lastOriginal = original.split("/").pop() ?? "";
    if (target.endsWith("/index.ts") && !/index(\.ts)?$/.test(lastOriginal)) path = posix.dirname(path);
    else if (!/\.(m?ts|m?js|json)$/.test(lastOriginal)) path = path.replace(/\.m?ts$/, "");
  }
  if (path === "") path = ".";
  return path.startsWith(".") ? path : `./${path}`;
};

/** The rewritten specifier, or undefined when it stays. */
const rewriteSpecifier = (file: string, specifier: string, kind: "module" | "url"): string | undefined => {
  const newFile = moved(file);
  if (specifier.startsWith(".")) {
    const base = posix.normalize(posix.join(posix.dirname(file), specifier));
    const target = kind === "url" ? (existsSync(join(REPO, base)) ? base : undefined) : resolveModule(base);
    if (!target) return undefined;
    const newTarget = moved(target);
    if (!packageImports && newTarget === target && newFile === file) return undefined;
    const samePackageBefore = packageOf(file) === packageOf(target);
    const samePackageAfter = packageOf(newFile) === packageOf(newTarget);
    const exported = kind === "module" ? exportedAs(newTarget) : undefined;
    // One import style across packages: a relative path into another package becomes its specifier.
    if (exported && !samePackageAfter && (samePackageBefore || packageImports)) return exported;
    const next = relativeSpecifier(newFile, newTarget, specifier, kind === "url");
    return next === specifier ? undefined : next;
  }
  const base = fromSpecifier(specifier);
  if (!base || kind === "url") return undefined;
  const target = resolveModule(base);
  if (!target || moved(target) === target) return undefined;
  const next = exportedAs(moved(target));
  return next && next !== specifier ? next : undefined;
};

/** Edits for every module specifier and import.meta.url path of a source file. */
const specifierEdits = (file: string, text: string): { edits: Edit[]; unresolved: string[] } => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edits: Edit[] = [];
  const unresolved: string[] = [];
  const edit = (literal: ts.Node & { text: string }, kind: "module" | "url") => {
    const next = rewriteSpecifier(file, literal.text, kind);
    if (next === undefined) return;
    const quote = text[literal.getStart(source)];
    edits.push({ start: literal.getStart(source), end: literal.getEnd(), text: `${quote}${next}${quote}` });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) edit(node.moduleSpecifier, "module");
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) edit(argument.literal, "module");
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const callee = node.expression.getText(source);
      const isModuleCall = node.expression.kind === ts.SyntaxKind.ImportKeyword || /^vi\.(do)?mock$|^vi\.importActual$/.test(callee);
      if (isModuleCall && first) {
        if (ts.isStringLiteralLike(first)) edit(first, "module");
        else unresolved.push(`${file}: ${node.getText(source).slice(0, 100)}`);
      }
    } else if (ts.isNewExpression(node) && node.expression.getText(source) === "URL") {
      const [first, second] = node.arguments ?? [];
      if (first && second?.getText(source) === "import.meta.url") {
        if (ts.isStringLiteralLike(first)) edit(first, "url");
        else unresolved.push(`${file}: ${node.getText(source).slice(0, 100)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { edits, unresolved };
};

/** Edits for path mentions in text: `packages/core/src/x/…` and `@readiness/core/x/…`. */
const mentionEdits = (text: string, taken: readonly Edit[]): Edit[] => {
  if (packageImports) return [];
  const edits: Edit[] = [];
  const overlaps = (start: number, end: number) => taken.some((e) => start < e.end && end > e.start);
  for (const match of text.matchAll(/(packages\/core\/src\/|@readiness\/core\/)([A-Za-z0-9_.<>*-][A-Za-z0-9_./<>*-]*)/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (overlaps(start, end)) continue;
    const [, prefix, rest] = match as unknown as [string, string, string];
    const trailing = rest.match(/[.]+$/)?.[0] ?? "";
    const mentioned = rest.slice(0, rest.length - trailing.length);
    const isPackage = prefix.startsWith("@");
    // A specifier names a module without its extension: try the file, then the folder.
    const candidates = isPackage ? [`${CORE}${mentioned}.ts`, `${CORE}${mentioned}`] : [`${CORE}${mentioned}`];
    let next: string | undefined;
    for (const candidate of candidates) {
      const after = moved(candidate);
      if (after === candidate) continue;
      if (isPackage) {
        const pkg = PACKAGES.find((p) => after.startsWith(p.root) || `${after}/` === p.root);
        if (!pkg) continue;
        next = `${pkg.name}/${after.slice(pkg.root.length)}`.replace(/\.ts$/, candidate.endsWith(".ts") ? "" : ".ts");
      } else next = after;
      break;
    }
    if (next !== undefined) edits.push({ start, end: end - trailing.length, text: next });
  }
  return edits;
};

const applyEdits = (text: string, edits: readonly Edit[]): string => {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
};

if (!packageImports && !testSupport && !boundaries && existsSync(join(REPO, CORE, "kernel")))
  throw new Error("packages/core/src/kernel exists: the move has been done (use --package-imports to rewrite imports)");

const rewritten = new Map<string, string>();
const unresolved: string[] = [];
const SELF = relative(REPO, import.meta.filename);
for (const file of tracked.filter((f) => TEXT.test(f) && f !== SELF)) {
  const text = readFileSync(join(REPO, file), "utf8");
  const specifiers = SOURCE.test(file) ? specifierEdits(file, text) : { edits: [], unresolved: [] };
  unresolved.push(...specifiers.unresolved);
  const edits = [...specifiers.edits, ...mentionEdits(text, specifiers.edits)];
  if (edits.length > 0) rewritten.set(file, applyEdits(text, edits));
}

const moves = tracked.map((file) => [file, moved(file)] as const).filter(([from, to]) => from !== to);
for (const [from, to] of moves) {
  if (dryRun) console.log(`move ${from} → ${to}`);
  else {
    mkdirSync(dirname(join(REPO, to)), { recursive: true });
    execFileSync("git", ["mv", from, to], { cwd: REPO });
  }
}
for (const [file, text] of rewritten) {
  const target = moved(file);
  if (dryRun) console.log(`rewrite ${target}`);
  else writeFileSync(join(REPO, target), text);
}
console.log(`${moves.length} files moved, ${rewritten.size} rewritten${dryRun ? " (dry run)" : ""}`);
if (unresolved.length > 0) {
  console.log("computed paths the script cannot rewrite (check them by hand):");
  for (const line of unresolved) console.log(`  ${line}`);
}
