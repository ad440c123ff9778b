import { describe, expect, it } from "vitest";
import { isValidLabelName, isValidMetricName } from "./names";

describe("Prometheus names", () => {
  it("label names: letters, digits and underscores, not starting with a digit", () => {
    expect(["severity", "_x", "team_2", "A"].every(isValidLabelName)).toBe(true);
    expect(["1bad", "a-b", "a:b", "", "é", "a b"].some(isValidLabelName)).toBe(false);
  });

  it("metric names may hold colons (recording rule convention level:metric:operations)", () => {
    expect(["job:http_requests:rate5m", ":a", "http_requests_total"].every(isValidMetricName)).toBe(true);
    expect(["1a", "a-b", "a.b", ""].some(isValidMetricName)).toBe(false);
  });
});
