/**
 * CloudFormation, PyYAML and cfn-lint accept a quoted scalar whose continuation lines are not
 * indented past the key that holds it (two AWS reference templates have one):
 *
 *     Description: "Deploys a service
 *     behind an ALB"
 *
 * YAML 1.2 (and the `yaml` package) want continuation lines indented more than their parent.
 * Folding drops a continuation line's leading spaces, so indenting those lines changes no value:
 * this returns the text with each under-indented continuation line of a quoted scalar indented
 * one space past the line the scalar opens on, and nothing else changed (no line added or
 * removed, so every line number stays true). Undefined when there is no such line.
 */
export const indentQuotedContinuations = (text: string): string | undefined => {
  const lines = text.split("\n");
  let changed = false;
  /** Inside a quoted scalar: its quote and the indentation of the line it opened on. */
  let open: { quote: string; indent: number } | undefined;
  /** Inside a block scalar (| or >): the indentation of the line that introduced it. */
  let blockParent: number | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === "";
    if (blockParent !== undefined) {
      if (blank || indent > blockParent) continue;
      blockParent = undefined;
    }
    let from = indent;
    if (open) {
      if (!blank && indent <= open.indent) {
        lines[n] = " ".repeat(open.indent + 1) + line.trimStart();
        changed = true;
      }
      const close = closingQuote(lines[n], 0, open.quote);
      if (close < 0) continue;
      open = undefined;
      from = close + 1;
    }
    const scan = scanLine(lines[n], from);
    if (scan.opens) open = { quote: scan.opens, indent };
    else if (scan.blockScalar) blockParent = indent;
  }
  return changed ? lines.join("\n") : undefined;
};

/** Index of the quote closing a scalar, searching from `from`; -1 when the scalar goes on. */
const closingQuote = (line: string, from: number, quote: string): number => {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === "\\") i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
};

/**
 * Scans one line from `from` for a quoted scalar that opens at the start of a node (after
 * indentation, "- ", "key: ", a tag or anchor, or "[", "{", ",") and does not close on the line,
 * or for a block scalar indicator ending the line. Quotes inside plain scalars (`Bob's`) and
 * comments are not scalars.
 */
const scanLine = (line: string, from: number): { opens?: string; blockScalar?: boolean } => {
  let atNodeStart = true;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === " " || c === "\t") continue;
    if (c === "#" && (i === 0 || line[i - 1] === " " || line[i - 1] === "\t")) return {};
    if (atNodeStart && (c === '"' || c === "'")) {
      const close = closingQuote(line, i + 1, c);
      if (close < 0) return { opens: c };
      i = close;
      atNodeStart = false;
    } else if (atNodeStart && (c === "|" || c === ">") && /^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i)))
      return { blockScalar: true };
    else if (atNodeStart && (c === "!" || c === "&")) {
      while (i + 1 < line.length && line[i + 1] !== " ") i++;
    } else if (c === "-" && atNodeStart && (i + 1 === line.length || line[i + 1] === " ")) continue;
    else if (c === ":" && (i + 1 === line.length || line[i + 1] === " ")) atNodeStart = true;
    else if (c === "[" || c === "{" || c === ",") atNodeStart = true;
    else atNodeStart = false;
  }
  return {};
};
