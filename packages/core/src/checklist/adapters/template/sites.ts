import { NO_VALUE, type Path } from "./intrinsics";

/**
 * Evaluates a resource's properties by applying only the intrinsic functions found at `sites`
 * (paths to the outermost intrinsics, in document order, as the reference check records them).
 * Literal parts are shared with the raw template, and only the containers on the way to an
 * intrinsic are copied: most of a large template is literal, and walking it all a second time
 * was the bulk of the evaluation time.
 */
export const evaluateAtSites = (
  properties: Record<string, unknown>,
  sites: readonly Path[],
  evaluateAt: (node: unknown, site: Path) => unknown,
): Record<string, unknown> => {
  if (sites.length === 0) return properties;
  const root: Record<string, unknown> = { ...properties };
  const copies = new WeakSet<object>([root]);
  // Last to first, so dropping an AWS::NoValue list item never shifts a site still to come.
  for (let s = sites.length - 1; s >= 0; s--) {
    const site = sites[s];
    let raw: unknown = properties;
    let parent: Record<string | number, unknown> | unknown[] = root;
    for (let i = 0; i < site.length - 1; i++) {
      const step = site[i];
      raw = (raw as Record<string | number, unknown>)[step];
      let child = (parent as Record<string | number, unknown>)[step] as Record<string, unknown> | unknown[];
      if (!copies.has(child)) {
        child = Array.isArray(child) ? [...child] : { ...child };
        copies.add(child);
        (parent as Record<string | number, unknown>)[step] = child;
      }
      parent = child;
    }
    const last = site[site.length - 1];
    const value = evaluateAt((raw as Record<string | number, unknown>)[last], site);
    if (value !== NO_VALUE) (parent as Record<string | number, unknown>)[last] = value;
    else if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  }
  return root;
};
