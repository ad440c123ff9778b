/**
 * Derived data computed once per run object (an inventory, a scope) and dropped with it.
 * Rules ask the same relation question for every subject ("which services consume this queue?");
 * answering it from an index built on first use keeps a run linear instead of subjects × resources.
 * The cache is keyed on the run's own object, so nothing leaks across runs or warm invocations.
 */
export const memoPer = <Key extends object, Value>(build: (key: Key) => Value): ((key: Key) => Value) => {
  const cache = new WeakMap<Key, Value>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as Value;
    const value = build(key);
    cache.set(key, value);
    return value;
  };
};

/** Appends to the list under `key`, creating it on first use. */
export const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};
