import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration";

describe("Prometheus durations", () => {
  it("reads every unit, in order, each at most once", () => {
    expect(parseDuration("5m")).toEqual({ ok: true, ms: 300_000 });
    expect(parseDuration("1h30m")).toEqual({ ok: true, ms: 5_400_000 });
    expect(parseDuration("1y2w3d4h5m6s7ms")).toMatchObject({ ok: true });
    expect(parseDuration("250ms")).toEqual({ ok: true, ms: 250 });
    expect(parseDuration("1m30s500ms")).toEqual({ ok: true, ms: 90_500 });
    expect(parseDuration("0")).toEqual({ ok: true, ms: 0 });
    expect(parseDuration("0s")).toEqual({ ok: true, ms: 0 });
  });

  it("refuses what promtool refuses", () => {
    for (const bad of ["5", "1.5h", "30m1h", "5m5m", "-5m", "5 m", "5x", "m", "1h ", "5M", "ms5"])
      expect(parseDuration(bad), bad).toEqual({
        ok: false,
        error: `not a valid duration string: ${JSON.stringify(bad)}`,
      });
    expect(parseDuration("")).toEqual({ ok: false, error: "empty duration string" });
    expect(parseDuration("300y")).toEqual({ ok: false, error: "duration out of range" });
  });

  it("prints durations as Prometheus does", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(0)).toBe("0s");
  });
});
