import { configResourceKeyOf } from "../adapters/config-item/identity";
import {
  IDEMPOTENT_WRITES_ITEM,
  idempotencyVerdict,
  POST_DEPLOY_SMOKE_ITEM,
  postDeployVerdict,
  type RecordedSmoke,
  type SmokeVerdict,
} from "../evidence/smoke-evidence";
import type { GateRunsStore } from "../gate/runs-store";
import type { Resource } from "../model/resource";
import { errorAttributes } from "../observability/log";
import type { ResultsTable } from "../results/table";
import { annotationOf } from "./annotation";
import { COMPLIANCE, type Compliance } from "./compliance";
import type { Evaluation } from "./evaluation";
import type { RunContext } from "./run";

/** The newest smoke run the gate recorded for a service's revision (undefined: none). */
export type SmokeRunReader = (serviceArn: string, revision: string) => Promise<RecordedSmoke | undefined>;

/**
 * Reads the gate's runs from the results table (the gate and the evaluator share it). Only two items
 * read runs, so the store's code loads with the first read rather than at every cold start.
 */
export const gateRunsReader = (results: ResultsTable): SmokeRunReader => {
  let store: Promise<GateRunsStore> | undefined;
  return async (serviceArn, revision) => {
    store ??= import("../gate/runs-store").then((module) => new module.GateRunsStore(results));
    const [run] = await (await store).runsOf(serviceArn, { revision, limit: 1 });
    return run
      ? {
          verdict: run.verdict,
          reason: run.reason,
          idempotentReplay: run.run.idempotentReplay,
          startedAt: run.startedAt,
        }
      : undefined;
  };
};

const VERDICT_OF_ITEM: Readonly<Record<string, (history: Parameters<typeof postDeployVerdict>[0]) => SmokeVerdict>> = {
  [POST_DEPLOY_SMOKE_ITEM]: postDeployVerdict,
  [IDEMPOTENT_WRITES_ITEM]: idempotencyVerdict,
};

const COMPLIANCE_OF_STATUS: Readonly<Record<SmokeVerdict["status"], Compliance>> = {
  pass: COMPLIANCE.compliant,
  fail: COMPLIANCE.nonCompliant,
  unknown: COMPLIANCE.insufficientData,
};

/**
 * post-deploy-smoke and idempotent-writes per ECS service, from the smoke runs the deployment gate
 * recorded for the revision each service runs now (the gate starts this rule's evaluation after
 * every run, so the Config console matches the gate). Undefined for other items or without a reader.
 * A service the gate never tested is undecided (INSUFFICIENT_DATA) saying so, never COMPLIANT.
 */
export const evaluateSmokeEvidence = async (
  ctx: RunContext,
  services: readonly Resource[],
  at: Date,
): Promise<Evaluation[] | undefined> => {
  const verdictOf = VERDICT_OF_ITEM[ctx.item.id];
  const read = ctx.deps.readSmokeRun;
  if (!verdictOf || !read) return undefined;
  return Promise.all(
    services.map(async (service) => {
      const revision = service.properties.TaskDefinition;
      const runningRevision = typeof revision === "string" ? revision : undefined;
      let verdict: SmokeVerdict;
      try {
        const latest = runningRevision ? await read(service.id, runningRevision) : undefined;
        verdict = verdictOf({
          gated: true,
          ...(runningRevision ? { runningRevision } : {}),
          ...(latest ? { latest } : {}),
        });
      } catch (error) {
        ctx.deps.log.warn("could not read the gate's smoke runs", { service: service.id, ...errorAttributes(error) });
        verdict = { status: "unknown", detail: `cannot read smoke runs: ${(error as Error).message}` };
      }
      return {
        itemId: ctx.item.id,
        ...configResourceKeyOf(service),
        compliance: COMPLIANCE_OF_STATUS[verdict.status],
        annotation: annotationOf(verdict.detail),
        orderingTimestamp: at,
      };
    }),
  );
};
