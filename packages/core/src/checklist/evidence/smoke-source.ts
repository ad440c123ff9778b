import { findGateService, planGate } from "../config/gate-services";
import type { PartDecider } from "../engine/item-evaluation";
import type { GatherContext, SmokeRunReader } from "../engine/sources";
import type { Inventory } from "../inventory/inventory";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import { type ServiceSmokeHistory, smokeEvidenceDecider } from "./smoke-evidence";

/** Two items read the same runs: one read per inventory and reader serves both. */
const read = new WeakMap<Inventory, WeakMap<SmokeRunReader, Promise<Map<string, ServiceSmokeHistory>>>>();

/** The smoke-runs source: every service's newest run of the revision it runs now, as a part decider. */
export const gatherSmokeRuns = async (context: GatherContext): Promise<PartDecider | undefined> => {
  const reader = context.reach.readSmokeRun;
  if (!reader) return undefined;
  const byReader = read.get(context.inventory) ?? new WeakMap();
  read.set(context.inventory, byReader);
  let histories = byReader.get(reader);
  if (!histories) {
    histories = readHistories(reader, context);
    byReader.set(reader, histories);
  }
  return smokeEvidenceDecider(await histories);
};

/**
 * Which services the gate tests: those readiness.yml gives a smoke test. A Config rule has no
 * readiness.yml: any service may have runs, except one whose role is known not to be an API.
 */
const isGatedBy = (context: GatherContext): ((serviceId: string) => ServiceSmokeHistory["gated"]) => {
  if (context.reach.mode === "config-rule") return () => "unless-not-api";
  const gated = planGate(context.config).services;
  return (serviceId) => findGateService(gated, serviceId) !== undefined;
};

const readHistories = async (
  reader: SmokeRunReader,
  context: GatherContext,
): Promise<Map<string, ServiceSmokeHistory>> => {
  const isGated = isGatedBy(context);
  const histories = new Map<string, ServiceSmokeHistory>();
  await Promise.all(
    context.inventory.ofType(ECS_SERVICE).map(async (service) => {
      const gated = isGated(service.id);
      const revision = service.properties.TaskDefinition;
      const runningRevision = typeof revision === "string" ? revision : undefined;
      const known = { gated, ...(runningRevision ? { runningRevision } : {}) };
      if (!gated || !runningRevision) return void histories.set(service.id, known);
      try {
        const latest = await reader(service.id, runningRevision);
        histories.set(service.id, { ...known, ...(latest ? { latest } : {}) });
      } catch (error) {
        histories.set(service.id, { ...known, unreadable: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return histories;
};
