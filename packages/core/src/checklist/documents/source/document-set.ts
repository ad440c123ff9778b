import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { DOCUMENT_KEYS, type DocumentKey, type DocumentPaths } from "../../config/documents-schema";
import { type Dashboard, readDashboards } from "../grafana/dashboard";
import { type RuleSet, readRuleSet } from "../prometheus/rule-set";
import type { RunbookLibrary } from "../runbooks/resolve";
import type { DocumentFile, DocumentFinding } from "../types";
import { type KeyFiles, NOT_CONFIGURED, readKeyFiles } from "./read-files";

type FileKey = Exclude<DocumentKey, "runbookBaseUrl">;

/**
 * The documents one readiness.yml (or one service's override of it) names, read once: each key's
 * files and problems, and what several deciders share (the Prometheus rule set, the runbooks
 * library), built on first use.
 */
export class DocumentSet {
  private rules?: RuleSet;
  private boards?: readonly Dashboard[];

  constructor(
    readonly paths: DocumentPaths,
    private readonly read: Readonly<Record<FileKey, KeyFiles>>,
    /** Where readiness.yml sits in its git repository ("" at the root): runbook_url paths are repository paths. */
    private readonly repositoryRoot: string,
  ) {}

  files(key: FileKey): KeyFiles {
    return this.read[key];
  }

  /** The failing findings of finding and reading these keys' files (each problem once). */
  problemsOf(keys: readonly FileKey[]): DocumentFinding[] {
    return [...new Set(keys)].flatMap((key) => this.read[key].problems);
  }

  /** The key's files, or undefined when it is not configured (deciders then say which key to set). */
  configured(key: FileKey): KeyFiles | undefined {
    return this.read[key].configured ? this.read[key] : undefined;
  }

  /** Every file read, once each, in path order. */
  allFiles(): DocumentFile[] {
    const byPath = new Map(
      Object.values(this.read).flatMap((key) => key.files.map((file) => [file.path, file] as const)),
    );
    return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  ruleSet(): RuleSet | undefined {
    if (!this.read.prometheusRules.configured) return undefined;
    this.rules ??= readRuleSet(this.read.prometheusRules.files);
    return this.rules;
  }

  /** The dashboards read once (their panel queries parsed once), for every decider that reads them. */
  dashboards(): readonly Dashboard[] {
    this.boards ??= readDashboards(this.read.dashboards.files);
    return this.boards;
  }

  runbookLibrary(): RunbookLibrary | undefined {
    const runbooks = this.read.runbooks;
    if (!runbooks.configured || this.paths.runbooks === undefined) return undefined;
    const folder = typeof this.paths.runbooks === "string" ? this.paths.runbooks : (this.paths.runbooks[0] ?? "");
    return {
      folder: folder.replace(/\/+$/, ""),
      files: runbooks.files,
      ...(this.paths.runbookBaseUrl ? { baseUrl: this.paths.runbookBaseUrl } : {}),
      repositoryRoot: this.repositoryRoot,
    };
  }
}

/** Which extensions a key's folder stands for (only the runbooks key takes a folder). */
const FOLDER_EXTENSIONS: Partial<Record<FileKey, readonly string[]>> = { runbooks: [".md", ".markdown"] };

/** Every documents key that names files: all but the URL the runbooks are published under. */
const FILE_KEYS = DOCUMENT_KEYS.filter((key): key is FileKey => key !== "runbookBaseUrl");

/** The folder of the readiness.yml relative to its git repository's root (the nearest folder with `.git`). */
const repositoryRootOf = (root: string): string => {
  for (let folder = root; ; folder = dirname(folder)) {
    if (existsSync(join(folder, ".git"))) return relative(folder, root).split(sep).join("/");
    if (dirname(folder) === folder) return "";
  }
};

/** Reads every configured key's files (`root`: the readiness.yml folder; none: nothing is read). */
export const loadDocumentSet = async (root: string | undefined, paths: DocumentPaths): Promise<DocumentSet> => {
  const entries = await Promise.all(
    FILE_KEYS.map(
      async (key) =>
        [key, root ? await readKeyFiles(root, key, paths[key], FOLDER_EXTENSIONS[key]) : NOT_CONFIGURED] as const,
    ),
  );
  return new DocumentSet(
    paths,
    Object.fromEntries(entries) as Record<FileKey, KeyFiles>,
    root ? repositoryRootOf(root) : "",
  );
};
