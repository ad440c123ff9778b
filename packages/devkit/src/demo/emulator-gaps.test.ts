import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import { describe, expect, it } from "vitest";
import { explainEmulatorGaps } from "./emulator-gaps";

const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/task-api/1/2";
const report = (status: "pass" | "fail"): CheckReport =>
  ({
    source: "live",
    items: [
      {
        id: "mtls",
        status,
        findings: [
          {
            resource: LISTENER,
            type: "AWS::ElasticLoadBalancingV2::Listener",
            status,
            reason: "listener HTTPS:443 does not require client certificates",
            kind: "config",
          },
        ],
      },
    ],
  }) as unknown as CheckReport;
const GAP = {
  resource: "HttpsListener",
  physicalId: LISTENER,
  property: "MutualAuthentication",
  reason: "endpoint lacks the API (ModifyListener)",
};

describe("explainEmulatorGaps", () => {
  it("a failed finding on a resource the emulator could not hold carries the reason on its own line", () => {
    const [finding] = explainEmulatorGaps(report("fail"), [GAP]).items[0].findings;
    expect(finding.reason).toBe(
      "listener HTTPS:443 does not require client certificates (emulator limit, the template sets it: " +
        "HttpsListener MutualAuthentication: endpoint lacks the API (ModifyListener))",
    );
    expect(finding.status).toBe("fail");
  });

  it("passing findings, other resources and gaps without a physical id are left alone", () => {
    expect(explainEmulatorGaps(report("pass"), [GAP])).toEqual(report("pass"));
    expect(explainEmulatorGaps(report("fail"), [{ ...GAP, physicalId: "arn:other" }])).toEqual(report("fail"));
    expect(explainEmulatorGaps(report("fail"), [{ ...GAP, physicalId: undefined }])).toEqual(report("fail"));
  });
});
