import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideOncall } from "./decide";

const fixture = (name: string) => ({
  path: `ops/${name}`,
  text: readFileSync(join(import.meta.dirname, "fixtures", name), "utf8"),
});
const pagerduty = fixture("pagerduty-schedule.json");
const rotation = fixture("rotation.yaml");
/** Sunday 6 December 2026, 14:00 in Berlin. */
const now = new Date("2026-12-06T13:00:00Z");
const schedule = JSON.parse(pagerduty.text) as {
  schedule: Record<string, unknown> & { schedule_layers: Record<string, unknown>[] };
};
const withSchedule = (change: (s: typeof schedule.schedule) => void) => {
  const copy = structuredClone(schedule);
  change(copy.schedule);
  return { path: "ops/oncall.json", text: JSON.stringify(copy, null, 2) };
};

describe("oncall", () => {
  it("Compliance (PagerDuty): a primary at every moment of launch day and today; later layers win where they apply", () => {
    const verdict = decideOncall({ file: pagerduty, launchDate: "2026-12-15", now });
    expect(verdict.status).toBe("pass");
    expect(verdict.reason).toBe(
      "schedule Task service primary: launch day 2026-12-15 (Europe/Berlin): Carol Example 00:00–24:00 (Weekly); today 2026-12-06 (Europe/Berlin): Dave Example 00:00–24:00 (Weekend cover)",
    );
  });

  it("Compliance (readiness's rotation YAML): the same rotation gives the same primaries", () => {
    for (const [launchDate, at] of [
      ["2026-12-15", now],
      ["2026-12-07", new Date("2026-12-04T12:00:00Z")],
    ] as const) {
      const fromPagerDuty = decideOncall({ file: pagerduty, launchDate, now: at });
      const fromRotation = decideOncall({ file: rotation, launchDate, now: at });
      expect(fromRotation.status).toBe("pass");
      expect(fromRotation.reason).toBe(fromPagerDuty.reason);
    }
    // A handoff inside the day: Monday 7 December, Alice until 09:00 then Bob.
    expect(decideOncall({ file: rotation, launchDate: "2026-12-07", now }).findings[0]!.reason).toBe(
      "launch day 2026-12-07 (Europe/Berlin): Alice Example 00:00–09:00 (Weekly), Bob Example 09:00–24:00 (Weekly)",
    );
  });

  it("Noncompliance 1: a gap of any length fails, naming the gap and the primary", () => {
    const officeHours = withSchedule((s) => {
      s.schedule_layers = [
        {
          ...s.schedule_layers[0],
          restrictions: [{ type: "daily_restriction", start_time_of_day: "08:00:00", duration_seconds: 36_000 }],
        },
      ];
    });
    const verdict = decideOncall({ file: officeHours, launchDate: "2026-12-15", now });
    expect(verdict.status).toBe("fail");
    expect(verdict.findings[0]!.reason).toBe(
      "ops/oncall.json:2:3: schedule Task service primary, launch day 2026-12-15 (Europe/Berlin): no primary 00:00–08:00, 18:00–24:00; primary Carol Example 08:00–18:00 (Weekly)",
    );
    const oneSecond = withSchedule((s) => {
      s.schedule_layers = [{ ...s.schedule_layers[0], end: "2026-12-15T23:59:59+01:00" }];
    });
    expect(decideOncall({ file: oneSecond, launchDate: "2026-12-15", now }).reason).toMatch(
      /no primary 23:59:59–24:00; primary Carol Example 00:00–23:59:59/,
    );
  });

  it("Noncompliance 2: a layer that has ended leaves the launch day without anyone", () => {
    const ended = withSchedule((s) => {
      s.schedule_layers = [{ ...s.schedule_layers[0], end: "2026-12-10T00:00:00+01:00" }];
    });
    expect(decideOncall({ file: ended, launchDate: "2026-12-15", now }).reason).toMatch(
      /launch day 2026-12-15 \(Europe\/Berlin\): no primary 00:00–24:00; no one is primary all day$/,
    );
  });

  it("days are local: a daily 09:00 handoff stays at 09:00 on the 23-hour day summer time starts", () => {
    const daily = withSchedule((s) => {
      s.schedule_layers = [{ ...s.schedule_layers[0], rotation_turn_length_seconds: 86_400 }];
    });
    const verdict = decideOncall({ file: daily, launchDate: "2027-03-28", now });
    // 118 days after the virtual start: handoff 117 (Alice) until 09:00, then 118 (Bob); counted in
    // seconds, the handoff would move to 10:00 once the clocks went forward.
    expect(verdict.findings[0]!.reason).toBe(
      "launch day 2027-03-28 (Europe/Berlin): Alice Example 00:00–09:00 (Weekly), Bob Example 09:00–24:00 (Weekly)",
    );
    const utc = withSchedule((s) => {
      s.time_zone = "America/Los_Angeles";
    });
    // 15 December in Los Angeles runs from 09:00 on the 15th to 09:00 on the 16th, Berlin time: all Carol's week.
    expect(decideOncall({ file: utc, launchDate: "2026-12-15", now }).findings[0]!.reason).toBe(
      "launch day 2026-12-15 (America/Los_Angeles): Carol Example 00:00–24:00 (Weekly)",
    );
  });

  it("bad documents give reasons with file:line, never a throw and never a pass", () => {
    expect(decideOncall({ now })).toMatchObject({
      status: "unknown",
      reason: "no on-call rotation configured (documents.oncall)",
    });
    const empty = withSchedule((s) => {
      s.schedule_layers = [];
    });
    expect(decideOncall({ file: empty, launchDate: "2026-12-15", now })).toMatchObject({
      status: "fail",
      reason: "ops/oncall.json:11:5: schedule Task service primary has no schedule_layers: no one is ever on call",
    });
    // PagerDuty's v3 schedules (early access) hold rotations and events, not layers: said so, not "no one on call".
    const v3 = withSchedule((s) => {
      const raw = s as Record<string, unknown>;
      delete raw.schedule_layers;
      raw.rotations = [{ id: "R1", type: "rotation" }];
    });
    expect(decideOncall({ file: v3, launchDate: "2026-12-15", now }).reason).toMatch(
      /^ops\/oncall\.json:\d+:\d+: schedule Task service primary is in PagerDuty's v3 form \(rotations\), which readiness does not read: save it from the v2 API \(GET \/schedules\/\{id\}, with schedule_layers\)$/,
    );
    const noUsers = withSchedule((s) => {
      s.schedule_layers = [{ ...s.schedule_layers[0], users: [] }];
    });
    expect(decideOncall({ file: noUsers, launchDate: "2026-12-15", now }).reason).toMatch(
      /oncall\.json:\d+:\d+: layer "Weekly" has no users: it puts no one on call/,
    );
    const noZone = withSchedule((s) => {
      s.time_zone = "Mars/Olympus";
    });
    expect(decideOncall({ file: noZone, launchDate: "2026-12-15", now }).reason).toMatch(
      /^ops\/oncall\.json:9:5: schedule Task service primary: time_zone must be an IANA time zone/,
    );
    const badRestriction = withSchedule((s) => {
      s.schedule_layers[1]!.restrictions = [
        { type: "weekly_restriction", start_time_of_day: "25:00:00", duration_seconds: 10 },
      ];
    });
    expect(decideOncall({ file: badRestriction, launchDate: "2026-12-15", now }).reason).toMatch(
      /layer "Weekend cover": restriction 1: start_time_of_day must be HH:MM:SS, got string "25:00:00"/,
    );
    expect(decideOncall({ file: { path: "ops/oncall.json", text: '{"schedule": {' }, now }).reason).toMatch(
      /^ops\/oncall\.json:1:\d+: invalid YAML/,
    );
    expect(decideOncall({ file: { path: "ops/oncall.yaml", text: "primary: alice\n" }, now }).reason).toMatch(
      /^ops\/oncall\.yaml:1:1: not an on-call schedule/,
    );
    expect(decideOncall({ file: pagerduty, launchDate: "2026-13-01", now }).reason).toBe(
      'launchDate "2026-13-01" is not a date (YYYY-MM-DD)',
    );
    expect(decideOncall({ file: pagerduty, now })).toMatchObject({
      status: "unknown",
      reason: "no launchDate in readiness.yml: the launch day's primary is not decided",
    });
  });

  it("readiness's rotation YAML refuses typos and bad values with file:line", () => {
    const read = (text: string) =>
      decideOncall({ file: { path: "ops/oncall.yaml", text }, launchDate: "2026-12-15", now }).reason;
    expect(read("timeZone: Europe/Berlin\nrotations: []\n")).toBe(
      "ops/oncall.yaml:2:1: rotations is empty: no one is ever on call",
    );
    expect(
      read(
        'timeZone: Europe/Berlin\nrotations:\n  - name: p\n    start: "2026-12-01T09:00"\n    handof: 1w\n    people: [a]\n',
      ),
    ).toMatch(/^ops\/oncall\.yaml:5:5: rotation p: unknown field handof/);
    expect(
      read(
        'timeZone: Europe/Berlin\nrotations:\n  - name: p\n    start: "2026-12-01T09:00"\n    handoff: weekly\n    people: [a]\n',
      ),
    ).toMatch(/ops\/oncall\.yaml:5:5: rotation p: handoff must be a duration like 12h, 1d or 1w, got string "weekly"/);
    expect(
      read(
        'timeZone: Europe/Berlin\nrotations:\n  - name: p\n    start: "2026-12-01T09:00"\n    handoff: 1d\n    people: [a]\n    hours: [{ days: [fri], from: "18:00", to: "08:00" }]\n',
      ),
    ).toMatch(/launch day 2026-12-15 .*: no primary 00:00–24:00; no one is primary all day/);
  });
});
