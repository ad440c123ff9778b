import { describe, expect, it } from "vitest";
import { checkTimeIntervals } from "./time-intervals";

/** The messages amtool check-config 0.25 gives for one time interval (each case checked against it). */
const problemsOf = (interval: Record<string, unknown>): string[] =>
  checkTimeIntervals({ time_intervals: [{ name: "t", time_intervals: [interval] }] }).problems.map((p) => p.message);

describe("time intervals as Alertmanager 0.25 reads them", () => {
  it("accepts what Alertmanager accepts", () => {
    for (const interval of [
      { times: [{ start_time: "00:00", end_time: "24:00" }] },
      { weekdays: ["monday:friday", "Saturday", "MONDAY", "sunday:saturday"] },
      { days_of_month: ["1:5", "-3:-1", "15", "20:-1", 1] },
      { months: ["january:march", "May", "7:9", "13", "0", "march:5"] },
      { years: ["2024:2026", "0", "-2024"] },
      { location: "Europe/Berlin" },
      { location: "Local" },
      { location: "UTC" },
      {},
    ])
      expect(problemsOf(interval), JSON.stringify(interval)).toEqual([]);
  });

  it("refuses what Alertmanager refuses, in its words", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ times: [{ start_time: "10:00", end_time: "10:00" }] }, "start time cannot be equal or greater than end time"],
      [{ times: [{ start_time: "9:00", end_time: "17:00" }] }, "couldn't parse timestamp 9:00, invalid format"],
      [{ times: [{ start_time: "09:00" }] }, "both start and end times must be provided"],
      [{ weekdays: ["mon"] }, "mon is not a valid weekday"],
      [{ weekdays: ["friday:monday"] }, "start day cannot be before end day"],
      [{ weekdays: ["monday:tuesday:wednesday"] }, "couldn't parse range monday:tuesday:wednesday, invalid format"],
      [{ days_of_month: ["0"] }, "0 is not a valid day of the month: out of range"],
      [{ days_of_month: ["1:32"] }, "32 is not a valid day of the month: out of range"],
      [{ days_of_month: ["-5:10"] }, "end day must be negative if start day is negative"],
      [{ days_of_month: ["24:-5"] }, "end day -5 is always before start day 24"],
      [{ days_of_month: ["-1:-5"] }, "end day -5 is always before start day -1"],
      [{ days_of_month: ["x"] }, 'strconv.Atoi: parsing "x": invalid syntax'],
      [{ months: ["jan"] }, "jan is not a valid month"],
      [{ months: ["9:7"] }, "end month july is before start month september"],
      [{ years: ["2026:2024"] }, "end year 2024 is before start year 2026"],
      [{ location: "Mars/Olympus" }, "unknown time zone Mars/Olympus"],
      [{ location: "europe/berlin" }, "unknown time zone europe/berlin"],
    ];
    for (const [interval, message] of cases) expect(problemsOf(interval), JSON.stringify(interval)).toEqual([message]);
  });

  it("requires names, unique across time_intervals and mute_time_intervals", () => {
    const { names, problems } = checkTimeIntervals({
      mute_time_intervals: [{ name: "nights", time_intervals: [] }],
      time_intervals: [{ name: "nights" }, { time_intervals: [] }],
    });
    expect([...names]).toEqual(["nights"]);
    expect(problems.map((p) => p.message)).toEqual([
      'time interval "nights" is not unique',
      "missing name in time interval",
    ]);
  });
});
