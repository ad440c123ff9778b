import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../checklist/config/load";
import { InputError } from "../../kernel/errors";
import { resolveSlo } from "./slo";
import { sloFromDocument } from "./slo-document";

const fixture = (name: string) => ({
  path: `ops/${name}`,
  text: readFileSync(new URL(`../../checklist/documents/slo/fixtures/${name}`, import.meta.url), "utf8"),
});
const noConfig = parseConfig("version: 1\n", "readiness.yml");

describe("the SLO a load run is judged by", () => {
  it("Compliance: the slo-defined defaults without readiness.yml, its parameters with it, flags over either", () => {
    expect(resolveSlo({ config: noConfig })).toEqual({
      maxP99Ms: 100,
      maxErrorRate: 0.001,
      source: "slo-defined defaults",
    });
    const config = parseConfig(
      "version: 1\nrules:\n  slo-defined:\n    maxSubmitP99Ms: 250\n    minAvailabilityPercent: 99.5\n",
      "readiness.yml",
    );
    expect(resolveSlo({ config, configFile: "readiness.yml" })).toEqual({
      maxP99Ms: 250,
      maxErrorRate: 0.005,
      source: "readiness.yml rules.slo-defined",
    });
    expect(resolveSlo({ config, configFile: "readiness.yml", overrides: { maxP99Ms: 80 } })).toEqual({
      maxP99Ms: 80,
      maxErrorRate: 0.005,
      source: "flags (--slo-p99-ms) over readiness.yml rules.slo-defined",
    });
  });

  it("Compliance: an SLO document wins over readiness.yml: its submit P99 bound and its availability target (OpenSLO, Sloth)", () => {
    const config = parseConfig("version: 1\nrules:\n  slo-defined:\n    maxSubmitP99Ms: 250\n", "readiness.yml");
    const openSlo = sloFromDocument([fixture("openslo.yaml")], "submit");
    expect(resolveSlo({ document: openSlo, config, configFile: "readiness.yml" })).toEqual({
      maxP99Ms: 100,
      maxErrorRate: 0.001,
      source:
        'ops/openslo.yaml (submit P99 ≤ 100 ms: objective "Submits under 100 ms" of SLO submit-latency; availability ≥ 99.9%: objective "Non-5xx responses" of SLO api-availability)',
    });
    const sloth = sloFromDocument([fixture("sloth.yaml")], "submit");
    expect(resolveSlo({ document: sloth, config })).toMatchObject({ maxP99Ms: 50, maxErrorRate: 0.0005 });
  });

  it("Noncompliance: a document without the objectives is an input error naming what is missing and the flags that would do", () => {
    const broken = sloFromDocument([{ path: "ops/slo.yaml", text: "a: [" }], "submit");
    const resolve = () => resolveSlo({ document: broken, config: noConfig });
    expect(resolve).toThrow(InputError);
    expect(resolve).toThrow(
      /^the SLO document does not give the objectives to judge the run by: ops\/slo\.yaml:1:5: invalid YAML/,
    );
    try {
      resolve();
    } catch (error) {
      expect((error as InputError).hint).toBe(
        "fix the document (docs/documents.md, slo-defined), or pass --slo-p99-ms and --slo-error-rate",
      );
    }
    // With both parts given by flags the document's gaps do not matter.
    expect(resolveSlo({ document: broken, config: noConfig, overrides: { maxP99Ms: 90, maxErrorRate: 0.01 } })).toEqual(
      {
        maxP99Ms: 90,
        maxErrorRate: 0.01,
        source: "flags (--slo-p99-ms, --slo-error-rate)",
      },
    );
  });

  it("Noncompliance: a submit objective that bounds only P95 gives no P99 limit", () => {
    const openSlo = fixture("openslo.yaml");
    const text = openSlo.text.replace("targetPercent: 99", "targetPercent: 95");
    const reading = sloFromDocument([{ path: openSlo.path, text }], "submit");
    expect(reading.maxP99Ms).toBeUndefined();
    expect(reading.maxErrorRate).toBe(0.001);
    expect(reading.problems).toEqual([
      expect.stringMatching(
        /^ops\/openslo\.yaml: no submit latency objective bounding P99 \(one mentioning "submit"\); objectives read: .*SLO submit-latency/,
      ),
    ]);
  });
});
