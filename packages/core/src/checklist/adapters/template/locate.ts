import { isMap, isScalar, type LineCounter, type YAMLMap } from "yaml";

/** 1-based line and column of a key in a template file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Positions of the template's section keys ("Resources") and of the entries inside each section
 * ("Resources.Api", "Parameters.Env"), which is what errors and SARIF locations point at.
 */
export type KeyPositions = ReadonlyMap<string, Position>;

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

/** Index of the quote closing the string that opens at `start` (JSON strings never span lines). */
const stringEnd = (text: string, start: number): number => {
  let end = text.indexOf('"', start + 1);
  while (end > 0) {
    let slashes = 0;
    for (let k = end - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
};

const followedByColon = (text: string, from: number): boolean => {
  for (let k = from; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === COLON) return true;
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return false;
};

/**
 * Key positions of an already-parsed (valid) JSON template, in one forward scan of the text.
 * Parsing a large JSON template with a YAML library to get positions is far too slow; this keeps
 * a 10,000-resource template to a few milliseconds.
 */
export const jsonKeyPositions = (text: string): KeyPositions => {
  const positions = new Map<string, Position>();
  const containers: number[] = [];
  let section = "";
  let line = 1;
  let lineStart = 0;
  // Each newline is looked for once: searching afresh from every key would rescan the rest of a
  // minified (one-line) template per key, quadratic in its size.
  let nextNewline = text.indexOf("\n");
  const positionOf = (offset: number): Position => {
    while (nextNewline >= 0 && nextNewline < offset) {
      line++;
      lineStart = nextNewline + 1;
      nextNewline = text.indexOf("\n", lineStart);
    }
    return { line, column: offset - lineStart + 1 };
  };
  // A plain character loop: no allocation per character, strings are skipped whole with indexOf.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      const depth = containers.length;
      if (depth <= 2 && containers[depth - 1] === OPEN_BRACE && followedByColon(text, end + 1)) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (depth === 1) {
          section = key;
          positions.set(key, positionOf(i));
        } else if (containers[0] === OPEN_BRACE) positions.set(`${section}.${key}`, positionOf(i));
      }
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) containers.push(code);
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) containers.pop();
  }
  return positions;
};

/** Key positions of a YAML template, from the parsed document's node ranges. */
export const yamlKeyPositions = (contents: YAMLMap, lines: LineCounter): KeyPositions => {
  const positions = new Map<string, Position>();
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  for (const pair of contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const section = String(pair.key.value);
    positions.set(section, at(pair.key.range[0]));
    if (!isMap(pair.value)) continue;
    for (const entry of pair.value.items)
      if (isScalar(entry.key) && entry.key.range)
        positions.set(`${section}.${String(entry.key.value)}`, at(entry.key.range[0]));
  }
  return positions;
};

/** Line and column of a character offset. */
export const positionOfOffset = (text: string, offset: number): Position => {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
};
