/**
 * The wings of packages/core/src and what each may import at run time (docs/architecture.md).
 * Type-only imports are free inside core: they name another wing's types and vanish from bundles
 * (the results records name the gate's smoke-run type; the catalogue's item ids are derived from
 * the declarations that use them).
 */
export const WING_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  kernel: [],
  checklist: ["kernel"],
  gate: ["kernel", "checklist"],
  "config-rules": ["kernel", "checklist"],
};

const CORE = "packages/core/src/";

/** The wing of a core file, `root` for core's own index, undefined outside core. */
export const wingOf = (file: string): string | undefined => {
  if (!file.startsWith(CORE)) return undefined;
  const rest = file.slice(CORE.length);
  return rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : "root";
};

/** The workspace package (or top folder: test, bench, stacks, scripts) a file belongs to. */
export const packageOf = (file: string): string => {
  const [top, name] = file.split("/");
  return top === "packages" || top === "examples" ? `${top}/${name}` : (top ?? file);
};
