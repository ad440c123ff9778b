import { existsSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import ts from "typescript";

/**
 * The repository's import graph, from the sources themselves (TypeScript's parser, not regular
 * expressions): every static import and export, and every `import("…")` with a literal
 * specifier, resolved to a repository-relative file. Type-only imports are edges of their own
 * kind: they shape no running code, so the emulator rule ignores them, and the wing rule does not.
 */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** Workspace packages whose `exports` map `./*` onto a folder (package.json files of the repo). */
const PACKAGE_ROOTS: Readonly<Record<string, string>> = {
  "@readiness/core": "packages/core/src/",
  "@readiness/devkit": "packages/devkit/src/",
  "@readiness/functions": "packages/functions/src/",
  "@readiness/cli": "packages/cli/src/",
  "@readiness/example-task-platform": "examples/task-platform/",
  "@readiness/example-task-service": "examples/task-service/src/",
};

const EXTENSIONS = ["", ".ts", ".mts", ".mjs", ".js", "/index.ts"];

/** Repository-relative file of a specifier, or undefined for a package from node_modules. */
export const resolveSpecifier = (repo: string, from: string, specifier: string): string | undefined => {
  let base: string | undefined;
  if (specifier.startsWith(".")) base = posix.normalize(posix.join(posix.dirname(from), specifier));
  else if (specifier === "@readiness/core") base = "packages/core/src/index";
  else {
    const name = Object.keys(PACKAGE_ROOTS).find((pkg) => specifier.startsWith(`${pkg}/`));
    if (name) base = `${PACKAGE_ROOTS[name]}${specifier.slice(name.length + 1)}`;
  }
  if (base === undefined) return undefined;
  for (const extension of EXTENSIONS) {
    const candidate = `${base}${extension}`;
    const path = posix.join(repo, candidate);
    if (existsSync(path) && statSync(path).isFile()) return candidate;
  }
  return undefined;
};

/** The imports of one source file. */
export const importsOf = (repo: string, file: string): ImportEdge[] => {
  const text = readFileSync(posix.join(repo, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = resolveSpecifier(repo, file, specifier);
    if (to) edges.push({ from: file, to, specifier, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly === true ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) add(argument.literal.text, true);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
};

export class ImportGraph {
  private readonly edges = new Map<string, ImportEdge[]>();

  constructor(private readonly repo: string) {}

  /** The imports of `file`, parsed once. */
  of(file: string): readonly ImportEdge[] {
    let edges = this.edges.get(file);
    if (!edges) {
      edges = importsOf(this.repo, file);
      this.edges.set(file, edges);
    }
    return edges;
  }

  /** Every file `file` runs when loaded (type-only imports excluded), itself included. */
  runtimeClosure(file: string): ReadonlySet<string> {
    const seen = new Set<string>([file]);
    const queue = [file];
    for (let next = queue.pop(); next !== undefined; next = queue.pop())
      for (const edge of this.of(next))
        if (!edge.typeOnly && !seen.has(edge.to) && /\.(m?ts)$/.test(edge.to)) {
          seen.add(edge.to);
          queue.push(edge.to);
        }
    return seen;
  }
}
