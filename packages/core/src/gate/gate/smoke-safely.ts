import type { SmokeRun, SmokeSpec, SmokeTarget } from "../smoke/types";

export type SmokeTest = (target: SmokeTarget, spec: SmokeSpec) => Promise<SmokeRun>;

/** Runs the smoke test; a target or spec that cannot be run (bad endpoint, unreadable certificate) is INCONCLUSIVE, never a crash. */
export const smokeSafely = async (smoke: SmokeTest, target: SmokeTarget, spec: SmokeSpec): Promise<SmokeRun> => {
  try {
    return await smoke(target, spec);
  } catch (error) {
    const at = new Date().toISOString();
    const reason = `smoke test could not run: ${(error as Error).message}`;
    return {
      verdict: "INCONCLUSIVE",
      reason,
      failures: [reason],
      steps: [],
      sloSubmitMs: spec.sloSubmitMs ?? 100,
      idempotentReplay: "not-run",
      traceId: "",
      startedAt: at,
      finishedAt: at,
      target: { protocol: target.protocol, endpoint: target.endpoint },
    };
  }
};
