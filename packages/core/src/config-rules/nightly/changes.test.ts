import { describe, expect, it } from "vitest";
import { SNAPSHOT_SERVICE as SERVICE, snapshotOf as snapshot } from "@readiness/devkit/fixtures/snapshots";
import { statusChanges } from "./changes";

describe("statusChanges", () => {
  it("First night: no previous snapshot, nothing changed (the baseline)", () => {
    expect(
      statusChanges(undefined, snapshot("2026-12-01", [{ item: "log-retention", status: "fail", reason: "x" }])),
    ).toEqual([]);
  });

  it("Changed: only the items whose status differs, in the current order, with today's reason", () => {
    const previous = snapshot("2026-11-30", [
      { item: "log-retention", status: "fail", reason: "never expires" },
      { item: "post-deploy-smoke", status: "unknown", reason: "no run" },
      { item: "dlq-coverage", status: "pass", reason: "1 resources pass" },
    ]);
    const current = snapshot("2026-12-01", [
      { item: "log-retention", status: "pass", reason: "1 resources pass" },
      { item: "post-deploy-smoke", status: "fail", reason: "api:2 failed its smoke run" },
      { item: "dlq-coverage", status: "pass", reason: "2 resources pass" },
    ]);
    expect(statusChanges(previous, current)).toEqual([
      {
        service: SERVICE,
        serviceName: "api",
        item: "log-retention",
        from: "fail",
        to: "pass",
        reason: "1 resources pass",
        snapshotDate: "2026-12-01",
        previousDate: "2026-11-30",
      },
      {
        service: SERVICE,
        serviceName: "api",
        item: "post-deploy-smoke",
        from: "unknown",
        to: "fail",
        reason: "api:2 failed its smoke run",
        snapshotDate: "2026-12-01",
        previousDate: "2026-11-30",
      },
    ]);
  });

  it("New item: an item the previous snapshot did not have has nothing to change from", () => {
    const previous = snapshot("2026-11-30", [{ item: "log-retention", status: "pass", reason: "ok" }]);
    const current = snapshot("2026-12-01", [
      { item: "log-retention", status: "pass", reason: "ok" },
      { item: "oncall", status: "unknown", reason: "needs a document" },
    ]);
    expect(statusChanges(previous, current)).toEqual([]);
  });
});
