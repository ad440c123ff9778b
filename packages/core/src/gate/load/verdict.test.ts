import { describe, expect, it } from "vitest";
import { judgeRate } from "./rate";
import type { SloTarget } from "./types";
import { decideLoadVerdict, type VerdictInput } from "./verdict";

const slo: SloTarget = { maxP99Ms: 100, maxErrorRate: 0.001, source: "slo-defined defaults" };
const held = judgeRate(500, 500, { unsent: 0, waitedForConnection: 0, scheduleLagMaxMs: 0 });
const run = (overrides: Partial<VerdictInput> = {}): VerdictInput => ({
  partial: false,
  measuredSent: 15_000,
  measuredAnswered: 15_000,
  rate: held,
  errors: 0,
  p99Ms: 12,
  slo,
  ...overrides,
});

describe("the rate a run held", () => {
  it("Compliance: within ±1% of the target is held, the boundary included", () => {
    const figures = { unsent: 0, waitedForConnection: 0, scheduleLagMaxMs: 0 };
    expect(judgeRate(500, 500, figures).held).toBe(true);
    expect(judgeRate(500, 495, figures).held).toBe(true);
    expect(judgeRate(500, 505, figures).held).toBe(true);
  });

  it("Noncompliance: 1% short or more is not held, and the reason says why and what to change", () => {
    const waited = judgeRate(500, 494.9, { unsent: 51, waitedForConnection: 40, scheduleLagMaxMs: 3 });
    expect(waited.held).toBe(false);
    expect(waited.reason).toBe(
      "rate not held: achieved 494.9 req/s of 500 (−1.02%, beyond ±1%); 51 requests due were never sent and 40 waited for a free connection: raise --connections, or the target cannot take this rate",
    );
    const late = judgeRate(500, 400, { unsent: 0, waitedForConnection: 0, scheduleLagMaxMs: 210.4 });
    expect(late.reason).toContain("the last requests left late (schedule lag up to 210 ms)");
  });
});

describe("the verdict against the SLO", () => {
  it("Compliance: rate held, P99 and error rate within the SLO: PASS, and it counts as evidence", () => {
    const decision = decideLoadVerdict(run({ errors: 15, p99Ms: 100 }));
    expect(decision.verdict).toBe("PASS");
    expect(decision.reason).toBe("p99 100 ms ≤ 100 ms, error rate 0.10% ≤ 0.10%");
    expect(decision.evidence.counts).toBe(true);
  });

  it("Noncompliance 1: P99 above the objective: FAIL, naming both figures", () => {
    const decision = decideLoadVerdict(run({ p99Ms: 100.5 }));
    expect(decision.verdict).toBe("FAIL");
    expect(decision.reason).toBe("p99 101 ms above the SLO's 100 ms");
    expect(decision.evidence.counts).toBe(true);
  });

  it("Noncompliance 2: more errors than the availability objective allows: FAIL, with the commonest error", () => {
    const decision = decideLoadVerdict(run({ errors: 16, topError: "HTTP 503" }));
    expect(decision.verdict).toBe("FAIL");
    expect(decision.reason).toBe("error rate 0.11% above the SLO's 0.10% (16 of 15000, mostly HTTP 503)");
  });

  it("Noncompliance 3: a rate not held is INCONCLUSIVE and never evidence, even when the figures meet the SLO", () => {
    const short = judgeRate(500, 450, { unsent: 1_500, waitedForConnection: 0, scheduleLagMaxMs: 0 });
    const decision = decideLoadVerdict(run({ rate: short, measuredSent: 13_500, measuredAnswered: 13_500 }));
    expect(decision.verdict).toBe("INCONCLUSIVE");
    expect(decision.reason).toMatch(/^rate not held: achieved 450\.0 req\/s of 500 \(−10\.00%/);
    expect(decision.evidence).toEqual({ counts: false, note: "not evidence: the rate was not held within 1%" });
    // Nor can a slow target that also missed its rate fail the item: the run measured a lighter load.
    expect(decideLoadVerdict(run({ rate: short, p99Ms: 5_000 })).verdict).toBe("INCONCLUSIVE");
  });

  it("Noncompliance 4: an interrupted run is PARTIAL and not recorded, whatever its figures", () => {
    const decision = decideLoadVerdict(
      run({ partial: true, interruption: "interrupted after 2.9 s of the 30 s measured" }),
    );
    expect(decision.verdict).toBe("PARTIAL");
    expect(decision.reason).toBe("interrupted after 2.9 s of the 30 s measured: partial result, not recorded");
    expect(decision.evidence.counts).toBe(false);
  });

  it("Noncompliance 5: a target that answered nothing is INCONCLUSIVE (unreachable), not a FAIL on errors", () => {
    const decision = decideLoadVerdict(
      run({ measuredAnswered: 0, errors: 15_000, firstUnanswered: "connection refused (ECONNREFUSED)" }),
    );
    expect(decision.verdict).toBe("INCONCLUSIVE");
    expect(decision.reason).toBe("target unreachable: no request was answered (connection refused (ECONNREFUSED))");
  });
});
