import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import type { DocumentProvenance } from "../../../kernel/results/records/documents";
import type { DocumentFile } from "../types";

const run = promisify(execFile);

/** The commit the files are at: CI says it (GITHUB_SHA); else git, when the folder is a checkout. */
export const commitOf = async (env: NodeJS.ProcessEnv, folder: string | undefined): Promise<string | undefined> => {
  if (env.GITHUB_SHA) return env.GITHUB_SHA;
  if (!folder) return undefined;
  try {
    return (await run("git", ["rev-parse", "HEAD"], { cwd: folder })).stdout.trim() || undefined;
  } catch {
    return undefined;
  }
};

/** Which repository, commit and CI run a run stands on; each part only when it is known. */
export interface GitOrigin {
  readonly repository?: string;
  readonly commit?: string;
  /** The CI run's URL. */
  readonly runUrl?: string;
}

/**
 * GitHub Actions' variables when the run is in CI (repository, commit, the run's URL), the
 * checkout's commit otherwise. Published verdicts and recorded evidence both name it.
 */
export const gitOriginOf = async (env: NodeJS.ProcessEnv, folder: string | undefined): Promise<GitOrigin> => {
  const commit = await commitOf(env, folder);
  const { GITHUB_REPOSITORY: repository, GITHUB_SERVER_URL: server, GITHUB_RUN_ID: runId } = env;
  return {
    ...(repository ? { repository } : {}),
    ...(commit ? { commit } : {}),
    ...(repository && server && runId ? { runUrl: `${server}/${repository}/actions/runs/${runId}` } : {}),
  };
};

/** Where a published verdict comes from: the run's origin and the SHA-256 of every document read. */
export const provenanceOf = async (
  files: readonly DocumentFile[],
  env: NodeJS.ProcessEnv,
  folder: string | undefined,
): Promise<DocumentProvenance> => ({
  publishedBy: "readiness publish",
  ...(await gitOriginOf(env, folder)),
  files: files.map((file) => ({
    path: file.path,
    digest: `sha256:${createHash("sha256").update(file.text).digest("hex")}`,
  })),
});
