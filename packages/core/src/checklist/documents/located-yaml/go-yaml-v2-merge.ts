import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type YAMLMap } from "yaml";

/**
 * A document's data as Go's yaml.v2 decodes it into Go values when mappings use merge keys
 * (`<<: *defaults`). yaml.v2 decodes each key, and each merged mapping, into the value already
 * there, in document order: a later key replaces an earlier one, a mapping is decoded into the
 * mapping already there (so `match:` written next to `<<: *route` adds to the merged route's
 * `match`, as Alertmanager reads it), a list replaces the list, except lists whose Go type appends
 * what it decodes (Alertmanager's `matchers`). Of a merged list of mappings, the first wins.
 * Called after the yaml package's own conversion has refused alias bombs, cycles and merges of
 * non-mappings, so it always ends.
 */
export const goYamlV2Data = (doc: Document, appendingLists: ReadonlySet<string>): unknown => {
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);

  const decodeMapInto = (target: Record<string, unknown>, map: YAMLMap): void => {
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const key = resolve(pair.key);
      if (isScalar(key) && typeof key.value === "symbol") {
        const value = resolve(pair.value);
        const sources = isSeq(value) ? [...value.items].reverse() : [value];
        for (const source of sources) {
          const merged = resolve(source);
          if (isMap(merged)) decodeMapInto(target, merged);
        }
        continue;
      }
      const name = isScalar(key) ? String(key.value) : String(key);
      target[name] = decode(pair.value, target[name], name);
    }
  };

  const decode = (node: unknown, existing: unknown, key: string | undefined): unknown => {
    const value = resolve(node);
    if (isMap(value)) {
      const target = isPlainObject(existing) ? existing : {};
      decodeMapInto(target, value);
      return target;
    }
    if (isSeq(value)) {
      const items = value.items.map((item) => decode(item, undefined, undefined));
      return key !== undefined && appendingLists.has(key) && Array.isArray(existing) ? [...existing, ...items] : items;
    }
    return isScalar(value) ? value.value : null;
  };

  return decode(doc.contents, undefined, undefined);
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
