import { randomUUID } from "node:crypto";
import type { ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { RunningService } from "@readiness/core/checklist/evidence/running-revision";
import { UsageError } from "@readiness/core/kernel/errors";
import type { EvidenceProvenance, EvidenceRecord } from "@readiness/core/kernel/results/records/evidence";
import { type AwsAccessFlags, serviceNamedBy } from "./command-io";

/** The flags that say where a command records its evidence, and for which ECS service. */
export interface EvidenceTargetFlags extends AwsAccessFlags {
  readonly resultsTable?: string;
  readonly cluster?: string;
  readonly service?: string;
}

/** Where evidence goes: the results table, the service and the revision it runs (read before the run). */
export interface EvidenceTarget {
  readonly table: string;
  readonly service: RunningService;
  readonly provenance: EvidenceProvenance;
  readonly newId: () => string;
  record(record: EvidenceRecord): Promise<void>;
  close(): void;
}

/**
 * Opens the evidence target of a command run with --results-table: the service is readiness.yml's
 * `--service` (its cluster, or --cluster), asked of ECS for the revision it runs now, so the
 * evidence names what it ran against. Undefined without --results-table: nothing is recorded.
 */
export const openEvidenceTarget = async (
  flags: EvidenceTargetFlags,
  config: ReadinessConfig,
  context: { readonly source: string; readonly env: NodeJS.ProcessEnv; readonly cwd: string },
): Promise<EvidenceTarget | undefined> => {
  if (flags.resultsTable === undefined) return undefined;
  if (!flags.service)
    throw new UsageError(
      "--results-table needs --service: the evidence is recorded for one ECS service",
      undefined,
      "pass --service NAME (a readiness.yml service, or the ECS service name with --cluster)",
    );
  const declared = serviceNamedBy(config, flags.service);
  const ecsService = declared?.service ?? flags.service;
  const cluster = flags.cluster ?? declared?.cluster;
  if (!cluster)
    throw new UsageError(
      `no cluster for service ${flags.service}: readiness.yml gives none`,
      undefined,
      "pass --cluster NAME, or set services[].cluster in readiness.yml",
    );
  const [
    { createLiveClients, destroyLiveClients, resolvedRegion },
    { runningServiceOf },
    { evidenceProvenance },
    { ResultsTable },
    { noRegionError },
  ] = await Promise.all([
    import("@readiness/core/checklist/adapters/live/clients"),
    import("@readiness/core/checklist/evidence/running-revision"),
    import("@readiness/core/checklist/evidence/provenance"),
    import("@readiness/core/kernel/results/table"),
    import("@readiness/core/checklist/check/live-errors"),
  ]);
  const { recordEvidence } = await import("@readiness/core/kernel/results/evidence");
  const clients = createLiveClients({
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}),
  });
  try {
    // Every call would fail with the SDK's "Region is missing": say what to pass instead.
    if (!(await resolvedRegion(clients))) throw noRegionError();
    const service = await runningServiceOf(clients.ecs, cluster, ecsService);
    const table = ResultsTable.on(clients.dynamodb, flags.resultsTable);
    return {
      table: flags.resultsTable,
      service,
      provenance: await evidenceProvenance(context.source, context.env, context.cwd),
      newId: () => randomUUID(),
      record: (record) => recordEvidence(table, record),
      close: () => destroyLiveClients(clients),
    };
  } catch (error) {
    destroyLiveClients(clients);
    throw error;
  }
};
