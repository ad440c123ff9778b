import { posix } from "node:path";
import type { DocumentFile } from "../types";

/**
 * Where a `runbook_url` leads. A relative value is a path in the repository; an absolute URL under
 * `runbookBaseUrl` maps to the runbooks folder at the rest of its path, with `.md` added when that
 * path has no extension (static site generators publish `high-error-rate.md` as
 * `/high-error-rate` or `/high-error-rate/`). Query strings and fragments are ignored.
 */
export interface RunbookLibrary {
  /** The runbooks folder as readiness.yml names it (`ops/runbooks/`), in the same path space as `files`. */
  readonly folder: string;
  /** Every Markdown file read from the folder, with paths relative to the readiness.yml folder. */
  readonly files: readonly DocumentFile[];
  readonly baseUrl?: string;
  /** Where readiness.yml sits in the repository ("" at the root): relative runbook_url values are repository paths. */
  readonly repositoryRoot?: string;
}

export type Resolution = { readonly file: DocumentFile } | { readonly error: string };

const normalise = (path: string): string =>
  posix.normalize(path.replace(/^\.\//, "").replace(/^\/+/, "")).replace(/\/+$/, "");

const withoutSuffix = (value: string): string => {
  const cut = [value.indexOf("#"), value.indexOf("?")].filter((i) => i >= 0);
  return cut.length > 0 ? value.slice(0, Math.min(...cut)) : value;
};

const absoluteUrl = (value: string): URL | undefined => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
};

const withMarkdownExtension = (path: string): string => (posix.extname(path) === "" ? `${path}.md` : path);

export const resolveRunbookUrl = (value: string, library: RunbookLibrary): Resolution => {
  const trimmed = value.trim();
  if (trimmed.includes("{{"))
    return { error: `runbook_url ${JSON.stringify(trimmed)} is a template: it names no single runbook file` };
  const byPath = new Map(library.files.map((file) => [normalise(file.path), file]));
  const find = (path: string): DocumentFile | undefined => byPath.get(normalise(path));
  const url = absoluteUrl(trimmed);
  if (url) {
    const base = library.baseUrl ? absoluteUrl(library.baseUrl) : undefined;
    if (!base)
      return {
        error: `runbook_url ${trimmed} is a URL, and no runbookBaseUrl is configured to map URLs to the runbooks folder`,
      };
    const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    if (url.origin !== base.origin || !`${url.pathname}/`.startsWith(basePath))
      return { error: `runbook_url ${trimmed} is not under runbookBaseUrl ${library.baseUrl}` };
    const rest = decodeURIComponent(url.pathname.slice(basePath.length)).replace(/\/+$/, "");
    if (rest === "") return { error: `runbook_url ${trimmed} is the runbookBaseUrl itself, not a runbook` };
    const path = posix.join(library.folder, withMarkdownExtension(rest));
    const file = find(path);
    return file
      ? { file }
      : { error: `runbook_url ${trimmed} maps to ${normalise(path)}, which is not in the runbooks folder` };
  }
  const relative = normalise(withoutSuffix(trimmed));
  const root = library.repositoryRoot ? normalise(library.repositoryRoot) : "";
  const local = root && relative.startsWith(`${root}/`) ? relative.slice(root.length + 1) : relative;
  const file = find(local) ?? find(withMarkdownExtension(local));
  return file
    ? { file }
    : { error: `runbook_url ${trimmed} resolves to no runbook file (looked for ${local} in the repository)` };
};
