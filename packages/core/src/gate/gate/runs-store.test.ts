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
  // Revision 3 is being rolled back; 1 last passed on Nov 1 (this often), 2 on Nov 2 (with these fails).
  it.each([
    ["Compliance: the revision that passed most recently", 3, 0, td(2)],
    ["Noncompliance 1: never a revision that failed its smoke test, even if it passed before", 1, 1, td(1)],
  ])("%s", (_scenario, firstPasses, secondFails, lastKnownGood) => {
    const tallies = [
      tally(td(1), firstPasses, 0, "2026-11-01T10:00:00.000Z"),
      tally(td(2), 1, secondFails, "2026-11-02T10:00:00.000Z"),
      tally(td(3), 0, 1),
    ];
    expect(lastKnownGoodOf(tallies, td(3))).toBe(lastKnownGood);
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
