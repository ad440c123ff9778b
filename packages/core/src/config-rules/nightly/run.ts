import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { LiveClients } from "../../checklist/adapters/live/clients";
import { collectLiveInventory } from "../../checklist/adapters/live/collect";
import { NothingReadError } from "../../checklist/check/live-errors";
import type { ReadinessConfig } from "../../checklist/config/schema";
import type { SourceReach } from "../../checklist/engine/sources";
import { gateRunsReader } from "../../checklist/evidence/gate-runs-reader";
import { ECS_SERVICE } from "../../checklist/inventory/relations/ecs";
import { typesUsedBy } from "../../checklist/rules/needs";
import { RULES } from "../../checklist/rules/registry";
import { serviceNamesOf } from "../../kernel/ecs-arn";
import { ReadinessError } from "../../kernel/errors";
import { errorAttributes, type Log, silentLog } from "../../kernel/observability/log";
import { type SnapshotRecord, SnapshotStore } from "../../kernel/results/snapshots";
import type { ResultsTable } from "../../kernel/results/table";
import { filteringLogSampler, simulatingRoleProber } from "../probe";
import { publishedDocumentsReader } from "../published-documents";
import { type StatusChange, statusChanges } from "./changes";
import { evaluateService, gatherSources, type NightlyInput, servicesInScope } from "./evaluate";
import { emitStatusChanges } from "./events";

export interface NightlyDeps {
  readonly live: LiveClients;
  readonly events: EventBridgeClient;
  /** Snapshots, and the gate's smoke runs (evidence). */
  readonly results: ResultsTable;
  readonly eventBusName: string;
  readonly config: ReadinessConfig;
  /** The run's clock: the snapshot's day and time (tests run "a day later" with it). */
  readonly now?: () => Date;
  readonly log?: Log;
  /** Provenance of the snapshots. */
  readonly recordedBy?: string;
  readonly commit?: string;
}

/** One service's night: its snapshot and what changed since the one before. */
export interface ServiceNight {
  readonly snapshot: SnapshotRecord;
  /** The day of the snapshot it was compared with; absent for the first. */
  readonly previousDate?: string;
  readonly changes: readonly StatusChange[];
}

export interface NightlyRun {
  readonly date: string;
  readonly services: readonly ServiceNight[];
  /** Change events put on the bus. */
  readonly events: number;
  readonly warnings: readonly string[];
}

/** The run could not read what it evaluates, or some services' snapshots could not be written. */
export class NightlyRunError extends ReadinessError {}

/**
 * The nightly evaluation: reads the account live, evaluates every checklist item for every ECS
 * service in scope, writes each service's dated snapshot, compares it with the service's previous
 * snapshot (the newest of an earlier day) and puts one event per item whose status changed.
 *
 * A second run on the same day replaces that day's snapshot and announces the same changes again
 * (events are at least once; `service`, `item` and `snapshotDate` identify one). A service whose
 * snapshot cannot be written is skipped and fails the run at the end, after the others' events.
 */
export const runNightly = async (deps: NightlyDeps): Promise<NightlyRun> => {
  const log = deps.log ?? silentLog;
  const now = deps.now?.() ?? new Date();
  const date = now.toISOString().slice(0, 10);
  const warnings: string[] = [];
  const warn = (message: string, error?: unknown): void => {
    warnings.push(error === undefined ? message : `${message}: ${error instanceof Error ? error.message : error}`);
    log.warn(message, error === undefined ? {} : errorAttributes(error));
  };

  const input = await readAccount(deps, warn);
  const services = servicesInScope(input);
  if (services.length === 0) warn(`no ECS service in scope in ${input.source}: no snapshot written`);
  const partDeciders = await gatherSources(input, reachOf(deps, now), warn);

  const store = new SnapshotStore(deps.results);
  const nights: ServiceNight[] = [];
  const failed: string[] = [];
  for (const service of services) {
    const arn = service.resource.id;
    const names = serviceNamesOf(arn);
    const snapshot: SnapshotRecord = {
      service: arn,
      serviceName: names.service,
      cluster: names.cluster,
      date,
      takenAt: now.toISOString(),
      verdicts: evaluateService(input, service, partDeciders),
      provenance: {
        recordedBy: deps.recordedBy ?? "readiness-nightly",
        ...(deps.commit ? { commit: deps.commit } : {}),
      },
    };
    try {
      const previous = await store.latest(arn, date);
      await store.write(snapshot);
      const changes = statusChanges(previous, snapshot);
      nights.push({ snapshot, changes, ...(previous ? { previousDate: previous.date } : {}) });
      log.info("snapshot written", {
        ecsService: arn,
        date,
        counts: countsOf(snapshot),
        previousDate: previous?.date,
        changed: changes.map((c) => `${c.item}: ${c.from} → ${c.to}`),
      });
    } catch (error) {
      failed.push(`${names.cluster}/${names.service}: ${error instanceof Error ? error.message : String(error)}`);
      log.error("could not write the service's snapshot", { ecsService: arn, ...errorAttributes(error) });
    }
  }

  const changes = nights.flatMap((night) => night.changes);
  await emitStatusChanges(deps.events, deps.eventBusName, changes);
  log.info("nightly run done", { date, services: nights.length, changes: changes.length, failed: failed.length });
  if (failed.length > 0)
    throw new NightlyRunError(
      `${failed.length} of ${services.length} snapshots were not written: ${failed.join("; ")}`,
    );
  return { date, services: nights, events: changes.length, warnings };
};

/**
 * The live inventory of the account, as `check --live` reads it: readiness.yml's clusters and
 * services narrow the reads. A run that read nothing, or could not read the ECS services it
 * snapshots, fails: an empty night is not a night without services.
 */
const readAccount = async (deps: NightlyDeps, warn: (message: string) => void): Promise<NightlyInput> => {
  const clusters = [...new Set(deps.config.services.flatMap((s) => (s.cluster ? [s.cluster] : [])))];
  const services = deps.config.services.map((s) => s.service);
  const source = deps.live.source;
  // Only the types the rules evaluate or read: the calls the derived policy grants (checklist/iam/nightly-policy.ts).
  const collection = await collectLiveInventory(deps.live, {
    types: typesUsedBy(RULES),
    ...(clusters.length ? { clusters } : {}),
    ...(services.length ? { services } : {}),
  });
  if (collection.reads.succeeded === 0 && collection.reads.failed.length > 0)
    throw new NothingReadError(source, collection.reads.failed);
  const ecs = collection.unreadableTypes.get(ECS_SERVICE);
  if (ecs) throw new NightlyRunError(`the ECS services of ${source} could not be read: ${ecs}`);
  for (const message of collection.warnings) warn(message);
  for (const [type, reason] of collection.unreadableTypes) warn(`${type} could not be read (${reason})`);
  return {
    inventory: collection.inventory,
    unreadableTypes: collection.unreadableTypes,
    config: deps.config,
    clusters,
    source,
  };
};

/**
 * What the sources may reach: the policy simulator, the services' logs (FilterLogEvents), the gate's smoke runs, the recorded evidence
 * (aged against the night's clock) and the published document verdicts. With readiness.yml's
 * services the gated ones are those with a smoke test, as in `check --live`; without, every
 * service counts, as in the Config rules (the gate records runs only for services it tests).
 */
const reachOf = (deps: NightlyDeps, now: Date): SourceReach => ({
  mode: deps.config.services.length > 0 ? "live" : "config-rule",
  now,
  probeRoles: simulatingRoleProber(() => deps.live.iam),
  sampleLogs: filteringLogSampler(() => deps.live.logs),
  readSmokeRun: gateRunsReader(deps.results),
  readEvidence: async (service, itemId) =>
    (await import("../../kernel/results/evidence")).latestEvidence(deps.results, service, itemId),
  readPublishedDocument: publishedDocumentsReader(deps.results),
});

const countsOf = (snapshot: SnapshotRecord): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const v of snapshot.verdicts) counts[v.status] = (counts[v.status] ?? 0) + 1;
  return counts;
};
