import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { mtlsListener } from "./mtls";

const TRUST_STORE = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:truststore/clients/0a1b";

const apiService = (environment: Record<string, string> = {}): Resource[] => [
  resource("AWS::ECS::Service", "ApiService", {
    ServiceName: "api",
    TaskDefinition: "ApiTask",
    LoadBalancers: [{ ContainerName: "api", ContainerPort: 8443, TargetGroupArn: "ApiTargets" }],
  }),
  resource("AWS::ECS::TaskDefinition", "ApiTask", {
    ContainerDefinitions: [
      { Name: "api", Environment: Object.entries(environment).map(([Name, Value]) => ({ Name, Value })) },
    ],
  }),
  resource("AWS::ElasticLoadBalancingV2::TargetGroup", "ApiTargets", { Protocol: "HTTPS", Port: 8443 }),
];
const listener = (properties: Record<string, unknown>): Resource =>
  resource("AWS::ElasticLoadBalancingV2::Listener", "Listener", {
    LoadBalancerArn: "Alb",
    Protocol: "HTTPS",
    Port: 443,
    DefaultActions: [{ Type: "forward", TargetGroupArn: "ApiTargets" }],
    ...properties,
  });

const evaluate = (resources: Resource[], config = configOf()): RuleOutcome =>
  evaluateRule(mtlsListener, "Listener", inventoryOf(...resources), { config });

describe("mtls (config)", () => {
  it("Compliance 1: mutual authentication verify with a trust store", () => {
    const verify = listener({ MutualAuthentication: { Mode: "verify", TrustStoreArn: TRUST_STORE } });
    expect(evaluate([...apiService(), verify])).toMatchObject({
      verdict: "compliant",
      reason: expect.stringContaining("trust store"),
    });
  });

  it("Compliance 2: passthrough to an API that declares its own client CA", () => {
    const passthrough = listener({ MutualAuthentication: { Mode: "passthrough" } });
    expect(evaluate([...apiService({ GRPC_TLS_CLIENT_CA: "/etc/tls/ca.pem" }), passthrough]).verdict).toBe("compliant");
  });

  it("Compliance 3: listener rule forwards to the API (weighted forward)", () => {
    const rule = resource("AWS::ElasticLoadBalancingV2::ListenerRule", "ApiRule", {
      ListenerArn: "Listener",
      Priority: 10,
      Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: "ApiTargets", Weight: 1 }] } }],
    });
    const verify = listener({
      DefaultActions: [{ Type: "fixed-response" }],
      MutualAuthentication: { Mode: "verify", TrustStoreArn: TRUST_STORE },
    });
    expect(evaluate([...apiService(), rule, verify]).verdict).toBe("compliant");
  });

  it("Noncompliance 1: HTTPS listener without mutual authentication", () => {
    expect(evaluate([...apiService(), listener({})])).toMatchObject({
      verdict: "non_compliant",
      reason: "listener HTTPS:443 does not require client certificates",
    });
  });

  it("Noncompliance 2: mutual authentication off", () => {
    expect(evaluate([...apiService(), listener({ MutualAuthentication: { Mode: "off" } })]).verdict).toBe(
      "non_compliant",
    );
  });

  it("Noncompliance 3: plain HTTP listener", () => {
    expect(evaluate([...apiService(), listener({ Protocol: "HTTP", Port: 80 })]).reason).toBe(
      "listener HTTP:80 is plain HTTP: no client certificates",
    );
  });

  it("Noncompliance 4: passthrough to an API that declares no TLS of its own", () => {
    const passthrough = listener({ MutualAuthentication: { Mode: "passthrough" } });
    expect(evaluate([...apiService({ MTLS_ENABLED: "false" }), passthrough])).toMatchObject({
      verdict: "non_compliant",
      reason: expect.stringContaining("declares no client-certificate TLS"),
    });
  });

  it("NotApplicable: listener in front of a worker", () => {
    const config = configOf({ services: [{ service: "api", role: "worker" }] });
    expect(evaluate([...apiService(), listener({})], config).verdict).toBe("not_applicable");
  });

  it("Unknown: trust store unknown", () => {
    const verify = listener({
      MutualAuthentication: { Mode: "verify", TrustStoreArn: unknownValue("parameter TrustStore") },
    });
    expect(evaluate([...apiService(), verify]).verdict).toBe("unknown");
  });
});
