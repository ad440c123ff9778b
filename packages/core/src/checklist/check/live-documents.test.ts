import { join } from "node:path";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { describe, expect, it } from "vitest";
import { itemById } from "../catalogue/items";
import { loadConfigFile } from "../config/load";
import { buildScope } from "../engine/scope";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import { gatherLiveParts } from "./live-probes";

// A live run reads the documents too when --config points at a readiness.yml that names them: the
// same sources, with the folder of that file and the account and region the run read.
const EXAMPLE = join(import.meta.dirname, "../../../../../examples/task-service/readiness.yml");
const ACCOUNT = "111111111111";
const service = (name: string) =>
  resource(ECS_SERVICE, `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/task-platform/${name}`, { ServiceName: name });

describe("live runs and documents", () => {
  it("reads the documents next to --config, and matches the cost estimate to the live account, not a template", async () => {
    const { config, file } = await loadConfigFile(EXAMPLE);
    const inventory = inventoryOf(service("task-api"), service("task-worker"), service("task-dlq-processor"));
    const selection = { config, configDir: join(file!, ".."), only: ["oncall", "cost-estimate"] as const };
    const deciders = await gatherLiveParts(
      {
        iam: {} as never,
        logs: {} as never,
        dynamodb: {} as never,
        origin: { kind: "live", accountId: ACCOUNT, region: "eu-west-1" },
      },
      inventory,
      { ...selection, only: [...selection.only], now: new Date("2026-12-07T09:00:00Z") },
    );
    const scope = buildScope(inventory, config);
    const decide = (id: "oncall" | "cost-estimate") =>
      deciders.map((d) => d(itemById(id), "document", scope)).find(Boolean);
    expect(decide("oncall")).toMatchObject({ status: "pass", appliesTo: "item" });
    // The example's estimate was made from the compliant template: a live account is another source.
    expect(decide("cost-estimate")?.status).toBe("fail");
    expect(decide("cost-estimate")?.reason).toContain(`ops/cost-estimate.json`);
  });
});
