/** Go's string-literal escapes (strconv.UnquoteChar), shared by PromQL strings and Go templates. */
const isHex = (c: string): boolean => (c >= "0" && c <= "9") || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
const isOctal = (c: string): boolean => c >= "0" && c <= "7";

/**
 * Length of the escape starting at the backslash `text[at]`, or undefined when Go refuses it.
 * `quote` is the literal's quote character: only it may be escaped besides the common escapes.
 */
export const goEscapeLength = (text: string, at: number, quote: string): number | undefined => {
  const c = text[at + 1];
  if (c === undefined) return undefined;
  if ("abfnrtv\\".includes(c) || c === quote) return 2;
  const hexDigits = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
  if (hexDigits > 0) {
    const digits = text.slice(at + 2, at + 2 + hexDigits);
    return digits.length === hexDigits && [...digits].every(isHex) ? 2 + hexDigits : undefined;
  }
  if (isOctal(c)) {
    const digits = text.slice(at + 1, at + 4);
    return digits.length === 3 && [...digits].every(isOctal) && Number.parseInt(digits, 8) <= 255 ? 4 : undefined;
  }
  return undefined;
};

/** The first escape Go refuses in a quoted literal (quotes included), as its character; undefined when all are valid. */
export const invalidGoEscape = (literal: string): string | undefined => {
  const quote = literal[0];
  if (quote === "`") return undefined;
  for (let i = 1; i < literal.length - 1; i++) {
    if (literal[i] !== "\\") continue;
    const length = goEscapeLength(literal, i, quote);
    if (length === undefined) return literal[i + 1] ?? "\\";
    i += length - 1;
  }
  return undefined;
};
