import type { EvidenceProvenance } from "../../kernel/results/records/evidence";
import { commitOf } from "../documents/publish/provenance";

/**
 * Where a piece of evidence comes from: the command or function that gathered it, and in GitHub
 * Actions the repository, commit and run URL; elsewhere the checkout's commit when there is one.
 */
export const evidenceProvenance = async (
  source: string,
  env: NodeJS.ProcessEnv,
  folder: string | undefined,
): Promise<EvidenceProvenance> => {
  const gitCommit = await commitOf(env, folder);
  const { GITHUB_REPOSITORY: repository, GITHUB_SERVER_URL: server, GITHUB_RUN_ID: runId } = env;
  return {
    source,
    ...(repository ? { repository } : {}),
    ...(gitCommit ? { gitCommit } : {}),
    ...(repository && server && runId ? { ciRunUrl: `${server}/${repository}/actions/runs/${runId}` } : {}),
  };
};
