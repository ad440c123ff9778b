import { Lexer, type Token, type Tokens } from "marked";
import { parse as parseYaml } from "yaml";

/**
 * A runbook read as Markdown with marked's lexer (CommonMark block structure: ATX and setext
 * headings, fenced code whose `#` lines are not headings): its headings with their lines, whether
 * each section has content, and the front matter (`---` YAML block) that static site generators
 * use for `title` and `tags`.
 */
export interface MarkdownSection {
  readonly heading: string;
  readonly depth: number;
  readonly line: number;
  /** Whether anything but blank lines and HTML comments sits between this heading and the next heading of the same or a higher level. */
  readonly hasContent: boolean;
}

export interface MarkdownDocument {
  readonly sections: readonly MarkdownSection[];
  /** The front matter's `title`, else the first level-1 heading. */
  readonly title?: string;
  readonly tags: readonly string[];
}

const FRONT_MATTER_FENCE = "---";

const splitFrontMatter = (text: string): { data: unknown; body: string; bodyLine: number } => {
  const lines = text.split("\n");
  if (lines[0]?.trim() !== FRONT_MATTER_FENCE) return { data: undefined, body: text, bodyLine: 1 };
  const end = lines.findIndex(
    (line, index) => index > 0 && (line.trim() === FRONT_MATTER_FENCE || line.trim() === "..."),
  );
  if (end < 0) return { data: undefined, body: text, bodyLine: 1 };
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).join("\n"));
  } catch {
    data = undefined; // front matter that is not YAML carries no title or tags; the body is still read
  }
  return { data, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
};

/** The plain text of inline tokens: `**Symptoms**` and `Symptoms` read the same. */
const plainText = (tokens: readonly Token[] | undefined, fallback: string): string =>
  tokens
    ? tokens
        .map((token) =>
          "tokens" in token && token.tokens ? plainText(token.tokens, "") : "text" in token ? token.text : "",
        )
        .join("")
    : fallback;

const isComment = (token: Token): boolean => token.type === "html" && token.raw.trim().startsWith("<!--");
const isBlank = (token: Token): boolean => token.type === "space" || isComment(token);

export const readMarkdown = (text: string): MarkdownDocument => {
  const { data, body, bodyLine } = splitFrontMatter(text.replaceAll("\r\n", "\n"));
  const tokens = Lexer.lex(body);
  const lineOfToken: number[] = [];
  let line = bodyLine;
  for (const token of tokens) {
    lineOfToken.push(line + (token.raw.length - token.raw.trimStart().length > 0 ? leadingNewlines(token.raw) : 0));
    line += countNewlines(token.raw);
  }
  const sections: MarkdownSection[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== "heading") return;
    const heading = token as Tokens.Heading;
    let hasContent = false;
    for (let next = index + 1; next < tokens.length; next++) {
      const following = tokens[next];
      if (following.type === "heading" && (following as Tokens.Heading).depth <= heading.depth) break;
      if (!isBlank(following) && following.type !== "heading") {
        hasContent = true;
        break;
      }
    }
    sections.push({
      heading: plainText(heading.tokens, heading.text).trim(),
      depth: heading.depth,
      line: lineOfToken[index],
      hasContent,
    });
  });
  const front = (data ?? {}) as { title?: unknown; tags?: unknown };
  const tags = Array.isArray(front.tags) ? front.tags.map(String) : typeof front.tags === "string" ? [front.tags] : [];
  const title = typeof front.title === "string" ? front.title : sections.find((s) => s.depth === 1)?.heading;
  return { sections, ...(title !== undefined ? { title } : {}), tags };
};

const countNewlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
  return count;
};

const leadingNewlines = (text: string): number => {
  let count = 0;
  for (const c of text) {
    if (c === "\n") count++;
    else if (c !== " " && c !== "\t") break;
  }
  return count;
};

/**
 * Headings match section names case-insensitively, with their decoration aside: a trailing colon,
 * a heading id (`{#fix}`, as Hugo, Pandoc and kramdown write it), section numbers (`1.`, `2)`,
 * `3.1`) and emoji or symbols before or after the words (`🔍 Diagnosis`).
 */
const HEADING_ID = /\s*\{[#.][^}]*\}\s*$/;
// The variation selector (U+FE0F) and zero-width joiner (U+200D) that emoji are written with are alternatives of their own.
const LEADING_DECORATION = /^(?:[\p{Extended_Pictographic}\p{S}]|\uFE0F|\u200D|\d+(?:\.\d+)*[.)]?(?=\s)|\s)+/u;
const TRAILING_DECORATION = /(?:[\p{Extended_Pictographic}\p{S}]|\uFE0F|\u200D|\s)+$/u;

export const normaliseHeading = (heading: string): string =>
  heading
    .trim()
    .replace(HEADING_ID, "")
    .replace(LEADING_DECORATION, "")
    .replace(TRAILING_DECORATION, "")
    .replace(/:$/, "")
    .trim()
    .toLowerCase();
