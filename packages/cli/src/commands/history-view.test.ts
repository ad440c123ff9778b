import { snapshotOf as snapshot } from "@readiness/devkit/fixtures/snapshots";
import { describe, expect, it } from "vitest";
import { daysEndingAt, formatHistoryTable, historyOf, sparkline } from "./history-view";

describe("history view", () => {
  it("days: the count ending at the newest day, oldest first, across a month's end", () => {
    expect(daysEndingAt("2026-12-02", 4)).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
  });

  it("sparkline: ✓ ✗ ? per day, · for a day without a snapshot, oldest → newest", () => {
    expect(sparkline(["fail", null, "unknown", "pass"])).toBe("✗·?✓");
  });

  it("one row per item: its status each day, a missed night as a gap, its newest verdict and how often it changed", () => {
    const history = historyOf(
      [
        snapshot("2026-11-29", [
          { item: "log-retention", status: "fail", reason: "never expires" },
          { item: "post-deploy-smoke", status: "unknown", reason: "no run" },
        ]),
        snapshot("2026-12-01", [
          { item: "log-retention", status: "pass", reason: "1 resources pass" },
          { item: "post-deploy-smoke", status: "unknown", reason: "no run" },
        ]),
        snapshot("2026-12-02", [
          { item: "log-retention", status: "fail", reason: "1 of 1 resources fail" },
          { item: "post-deploy-smoke", status: "pass", reason: "api:2 passed" },
        ]),
      ],
      daysEndingAt("2026-12-02", 5),
    );
    expect(history.snapshots).toBe(3);
    expect(history.items.map((i) => [i.item, sparkline(i.statuses), i.latest.status, i.changes])).toEqual([
      ["log-retention", "·✗·✓✗", "fail", 2],
      ["post-deploy-smoke", "·?·?✓", "pass", 1],
    ]);
    const table = formatHistoryTable(history, "results");
    expect(table).toContain("prod/api: 3 snapshots from 2026-11-28 to 2026-12-02 (results)");
    expect(table).toMatch(/log-retention\s+·✗·✓✗\s+✗\s+1 of 1 resources fail/);
    expect(table).toContain("now: 1 pass, 1 fail, 0 undecided; 2 items changed status in these days");
  });

  it("an item only an older snapshot had keeps its row, after the newest snapshot's items", () => {
    const history = historyOf(
      [
        snapshot("2026-12-01", [{ item: "oncall", status: "unknown", reason: "needs a document" }]),
        snapshot("2026-12-02", [{ item: "log-retention", status: "pass", reason: "ok" }]),
      ],
      daysEndingAt("2026-12-02", 2),
    );
    expect(history.items.map((i) => [i.item, sparkline(i.statuses), i.latest.date])).toEqual([
      ["log-retention", "·✓", "2026-12-02"],
      ["oncall", "?·", "2026-12-01"],
    ]);
  });
});
