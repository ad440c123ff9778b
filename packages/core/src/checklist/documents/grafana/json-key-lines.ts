/**
 * Lines of every occurrence of a key in a JSON text, in document order, in one forward scan.
 * JSON.parse keeps no positions and a full positional parser is several times slower on large
 * dashboards; pairing the n-th key in the text with the n-th key met while walking the parsed
 * value (same order: JSON.parse keeps the text's key order) gives each value its line.
 */
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

export const jsonKeyLines = (text: string, keys: ReadonlySet<string>): Map<string, number[]> => {
  const lines = new Map<string, number[]>([...keys].map((key) => [key, []]));
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) line++;
    if (code !== QUOTE) continue;
    let end = i + 1;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === BACKSLASH) end += 2;
      else if (c === QUOTE) break;
      else end++;
    }
    let after = end + 1;
    while (
      after < text.length &&
      (text[after] === " " || text[after] === "\t" || text[after] === "\r" || text[after] === "\n")
    )
      after++;
    if (text[after] === ":") {
      const key = text.slice(i + 1, end);
      lines.get(key)?.push(line);
    }
    i = end;
  }
  return lines;
};

/** Visits every object of a parsed JSON value in text order, calling `visit` for those holding `key`. */
export const objectsWithKey = (value: unknown, key: string, visit: (object: Record<string, unknown>) => void): void => {
  if (Array.isArray(value)) {
    for (const item of value) objectsWithKey(item, key, visit);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const object = value as Record<string, unknown>;
  for (const [name, child] of Object.entries(object)) {
    if (name === key) visit(object);
    objectsWithKey(child, key, visit);
  }
};
