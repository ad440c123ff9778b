import { describe, expect, it } from "vitest";
import { lastKnownGoodOf, type RevisionTally, serviceKey } from "./runs-store";

const td = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/api:${n}`;
const tally = (revision: string, passes: number, fails: number, lastPassAt?: string): RevisionTally => ({
  revision,
  passes,
  fails,
  ...(lastPassAt ? { lastPassAt } : {}),
});

describe("last known good revision", () => {
  it("Compliance: the revision that passed most recently", () => {
    const tallies = [
      tally(td(1), 3, 0, "2026-11-01T10:00:00.000Z"),
      tally(td(2), 1, 0, "2026-11-02T10:00:00.000Z"),
      tally(td(3), 0, 1),
    ];
    expect(lastKnownGoodOf(tallies, td(3))).toBe(td(2));
  });

  it("Noncompliance 1: never a revision that failed its smoke test, even if it passed before", () => {
    const tallies = [
      tally(td(1), 1, 0, "2026-11-01T10:00:00.000Z"),
      tally(td(2), 1, 1, "2026-11-02T10:00:00.000Z"),
      tally(td(3), 0, 1),
    ];
    expect(lastKnownGoodOf(tallies, td(3))).toBe(td(1));
  });

  it("Noncompliance 2: not the revision being rolled back, not one without a PASS, not a service revision ARN", () => {
    const serviceRevision = "arn:aws:ecs:us-east-1:123456789012:service-revision/prod/api/148";
    const tallies = [
      tally(serviceRevision, 1, 0, "2026-11-03T10:00:00.000Z"),
      tally(td(2), 0, 0),
      tally(td(3), 1, 0, "2026-11-01T10:00:00.000Z"),
    ];
    expect(lastKnownGoodOf(tallies, td(3))).toBeUndefined();
  });

  it("the key of a service is <cluster>/<service>", () => {
    expect(serviceKey("arn:aws:ecs:us-east-1:123456789012:service/prod/api")).toBe("prod/api");
  });
});
