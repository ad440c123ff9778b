import { describe, expect, it } from "vitest";
import { isUnknown } from "../../model/value";
import { listenerResource } from "./elbv2";

const ARN = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/api/1/2";

describe("listenerResource: a listener's mutual authentication", () => {
  it("keeps what AWS answers, Mode off included", () => {
    const off = listenerResource({ ListenerArn: ARN, Protocol: "HTTPS", MutualAuthentication: { Mode: "off" } });
    expect(off.properties.MutualAuthentication).toEqual({ Mode: "off" });
    const verify = listenerResource({
      ListenerArn: ARN,
      Protocol: "HTTPS",
      MutualAuthentication: { Mode: "verify", TrustStoreArn: "arn:ts" },
    });
    expect(verify.properties.MutualAuthentication).toEqual({ Mode: "verify", TrustStoreArn: "arn:ts" });
  });

  it("is unread, not off, when an HTTPS listener's answer lacks it (AWS always sends it; moto drops it)", () => {
    const dropped = listenerResource({ ListenerArn: ARN, Protocol: "HTTPS" }).properties.MutualAuthentication;
    expect(isUnknown(dropped) && dropped.reason).toMatch(/DescribeListeners answer has no MutualAuthentication/);
  });

  it("is absent on an HTTP listener, which has none", () => {
    expect(listenerResource({ ListenerArn: ARN, Protocol: "HTTP" }).properties.MutualAuthentication).toBeUndefined();
  });
});
