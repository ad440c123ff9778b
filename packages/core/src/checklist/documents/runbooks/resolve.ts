import { posix } from "node:path";
import type { DocumentFile } from "../types";

/**
 * Where a `runbook_url` leads. A relative value is a path in the repository; an absolute URL under
 * `runbookBaseUrl` maps to the runbooks folder at the rest of its path, with `.md` added when that
 * path has no extension (static site generators publish `high-error-rate.md` as
 * `/high-error-rate` or `/high-error-rate/`; a folder's URL serves its `_index.md`, `index.md` or
 * `README.md`), matched without regard to case when no path matches exactly and only one file
 * matches so (Hugo lowercases the paths it publishes). Query strings and fragments are ignored.
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

/** A URL of a folder is served from its index page (`_index.md` in Hugo, `index.md`, GitHub's `README.md`). */
const indexPage = (folder: string, find: (path: string) => DocumentFile | undefined): DocumentFile | undefined =>
  posix.extname(folder) === ""
    ? (find(posix.join(folder, "_index.md")) ??
      find(posix.join(folder, "index.md")) ??
      find(posix.join(folder, "README.md")))
    : undefined;

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
    const page = find(path) ?? indexPage(posix.join(library.folder, rest), find);
    if (page) return { file: page };
    // Hugo (and others) lowercase the paths they publish: KubePodCrashLooping.md is served at /kubepodcrashlooping.
    const folded = library.files.filter((file) => normalise(file.path).toLowerCase() === normalise(path).toLowerCase());
    if (folded.length === 1) return { file: folded[0]! };
    const ambiguous =
      folded.length > 1 ? ` (${folded.map((f) => normalise(f.path)).join(", ")} differ only in case)` : "";
    return {
      error: `runbook_url ${trimmed} maps to ${normalise(path)}, which is not in the runbooks folder${ambiguous}`,
    };
  }
  const relative = normalise(withoutSuffix(trimmed));
  const root = library.repositoryRoot ? normalise(library.repositoryRoot) : "";
  const local = root && relative.startsWith(`${root}/`) ? relative.slice(root.length + 1) : relative;
  const file = find(local) ?? find(withMarkdownExtension(local));
  return file
    ? { file }
    : { error: `runbook_url ${trimmed} resolves to no runbook file (looked for ${local} in the repository)` };
};
