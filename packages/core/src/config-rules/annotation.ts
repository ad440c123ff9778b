/** AWS Config rejects annotations longer than 256 characters. */
export const ANNOTATION_LIMIT = 256;

const ELLIPSIS = "…";

/**
 * A Config annotation: the rule's specific reason, single-line, cut at `limit` characters with
 * "…" (never splitting a surrogate pair). Config also rejects empty annotations.
 */
export const annotationOf = (reason: string, limit = ANNOTATION_LIMIT): string => {
  const line = reason.replace(/\s+/g, " ").trim() || "no reason given";
  if (line.length <= limit) return line;
  let cut = limit - ELLIPSIS.length;
  const code = line.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${line.slice(0, cut).trimEnd()}${ELLIPSIS}`;
};
