import type { EvidenceProvenance } from "../../kernel/results/records/evidence";
import { gitOriginOf } from "../documents/publish/provenance";

/**
 * Where a piece of evidence comes from: the command or function that gathered it, and in GitHub
 * Actions the repository, commit and run URL; elsewhere the checkout's commit when there is one.
 */
export const evidenceProvenance = async (
  source: string,
  env: NodeJS.ProcessEnv,
  folder: string | undefined,
): Promise<EvidenceProvenance> => {
  const { repository, commit, runUrl } = await gitOriginOf(env, folder);
  return {
    source,
    ...(repository ? { repository } : {}),
    ...(commit ? { gitCommit: commit } : {}),
    ...(runUrl ? { ciRunUrl: runUrl } : {}),
  };
};
