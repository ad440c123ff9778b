import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ReadinessConfig } from "../config/schema";
import { GateRunsStore } from "../gate/runs-store";
import { findGateService, planGate } from "../gate/services";
import type { Inventory } from "../inventory/inventory";
import { ResultsTable } from "../results/table";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import type { ServiceSmokeHistory } from "./smoke-evidence";

/**
 * Reads, for every ECS service of a live inventory, the newest smoke run the gate recorded for the
 * revision it runs now (one Query per service, stopping at the first match).
 */
export const loadSmokeHistories = async (
  dynamodb: DynamoDBClient,
  resultsTable: string,
  inventory: Inventory,
  config: ReadinessConfig,
): Promise<Map<string, ServiceSmokeHistory>> => {
  const store = new GateRunsStore(ResultsTable.on(dynamodb, resultsTable));
  const gated = planGate(config).services;
  const histories = new Map<string, ServiceSmokeHistory>();
  await Promise.all(
    inventory.ofType(ECS_SERVICE).map(async (service) => {
      const isGated = findGateService(gated, service.id) !== undefined;
      const revision = service.properties.TaskDefinition;
      const runningRevision = typeof revision === "string" ? revision : undefined;
      const [latest] =
        isGated && runningRevision ? await store.runsOf(service.id, { revision: runningRevision, limit: 1 }) : [];
      histories.set(service.id, {
        gated: isGated,
        ...(runningRevision ? { runningRevision } : {}),
        ...(latest
          ? {
              latest: {
                verdict: latest.verdict,
                reason: latest.reason,
                idempotentReplay: latest.run.idempotentReplay,
                startedAt: latest.startedAt,
              },
            }
          : {}),
      });
    }),
  );
  return histories;
};
