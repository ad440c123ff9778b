import { describe, expect, it } from "vitest";
import { dayBounds, formatTime, instantOf, localOf, weekdayOf } from "./time-zone";

const BERLIN = "Europe/Berlin";

describe("wall-clock time with Intl", () => {
  it("converts both ways, with summer time", () => {
    expect(
      new Date(instantOf(BERLIN, { year: 2026, month: 12, day: 15, hour: 9, minute: 0, second: 0 })).toISOString(),
    ).toBe("2026-12-15T08:00:00.000Z");
    expect(
      new Date(instantOf(BERLIN, { year: 2026, month: 7, day: 1, hour: 9, minute: 0, second: 0 })).toISOString(),
    ).toBe("2026-07-01T07:00:00.000Z");
    expect(localOf(BERLIN, Date.parse("2026-12-31T23:30:00Z"))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 30,
      second: 0,
    });
  });

  it("a day lasts 23 or 25 hours when the clocks change; a skipped time moves on, a repeated one is its first", () => {
    const spring = dayBounds(BERLIN, { year: 2027, month: 3, day: 28 });
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    const autumn = dayBounds(BERLIN, { year: 2027, month: 10, day: 31 });
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
    expect(
      new Date(instantOf(BERLIN, { year: 2027, month: 3, day: 28, hour: 2, minute: 30, second: 0 })).toISOString(),
    ).toBe("2027-03-28T01:30:00.000Z");
    expect(
      new Date(instantOf(BERLIN, { year: 2027, month: 10, day: 31, hour: 2, minute: 30, second: 0 })).toISOString(),
    ).toBe("2027-10-31T00:30:00.000Z");
  });

  it("formats the end of a day as 24:00 and knows ISO weekdays", () => {
    const day = { year: 2026, month: 12, day: 15 };
    const { start, end } = dayBounds(BERLIN, day);
    expect([formatTime(BERLIN, start, day), formatTime(BERLIN, end, day)]).toEqual(["00:00", "24:00"]);
    expect(weekdayOf(day)).toBe(2);
    expect(weekdayOf({ year: 2026, month: 12, day: 13 })).toBe(7);
  });
});
