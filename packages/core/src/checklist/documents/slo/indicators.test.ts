import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sloIndicatorSeries } from "./indicators";

const fixture = (name: string) => ({
  path: `ops/${name}`,
  text: readFileSync(join(import.meta.dirname, "fixtures", name), "utf8"),
});

describe("the series each SLO's indicator reads (for slo-recording-rules)", () => {
  it("OpenSLO: inline, referenced and threshold indicators", () => {
    expect(sloIndicatorSeries([fixture("openslo.yaml")])).toEqual([
      { name: "api-availability", indicatorSeries: ["http_requests_total"] },
      {
        name: "submit-latency",
        indicatorSeries: ["http_request_duration_seconds_bucket", "http_request_duration_seconds_count"],
      },
      { name: "status-latency", indicatorSeries: ["http_request_duration_seconds_bucket"] },
    ]);
  });

  it("Sloth: events queries with {{.window}}", () => {
    expect(sloIndicatorSeries([fixture("sloth.yaml")])).toEqual([
      { name: "requests-availability", indicatorSeries: ["http_requests_total"] },
      {
        name: "submit-latency",
        indicatorSeries: ["http_request_duration_seconds_count", "http_request_duration_seconds_bucket"],
      },
    ]);
  });

  it("an unreadable file gives no SLO, never a throw", () => {
    expect(sloIndicatorSeries([{ path: "ops/slo.yaml", text: "::: not yaml [" }])).toEqual([]);
  });
});
