import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { inventoryOf } from "@readiness/devkit/testing/builders";
import { containerHardening } from "./container-hardening";
import { evaluateRule, hardenedContainer, taskDefinition } from "@readiness/devkit/fixtures/ecs";

const check = (overrides: Record<string, unknown>, params = {}) => {
  const td = taskDefinition("ApiTask", hardenedContainer("api", overrides));
  return evaluateRule(containerHardening, td, inventoryOf(td), { params });
};

/** The rule on a task definition of these containers, with the envoy sidecar exempt. */
const checkEnvoyExempt = (...containers: Record<string, unknown>[]) => {
  const td = taskDefinition("ApiTask", ...containers);
  return evaluateRule(containerHardening, td, inventoryOf(td), { params: { exemptContainers: ["envoy"] } });
};

describe("container-hardening", () => {
  it("Compliance: read-only root, non-root user, drop ALL, not privileged", () => {
    expect(check({})).toMatchObject({
      verdict: "compliant",
      reason: "1 container: read-only root, non-root user, drop ALL, not privileged",
    });
  });

  it("Compliance: template-style string booleans and a named non-root user", () => {
    expect(check({ ReadonlyRootFilesystem: "true", User: "app:app", Privileged: "false" }).verdict).toBe("compliant");
  });

  it.each([["root"], ["0"], ["0:0"], ["root:root"], ["0:1000"], ["root:staff"]])(
    "Noncompliance 1: User %s is root",
    (user) => {
      expect(check({ User: user })).toMatchObject({ verdict: "non_compliant", reason: "container api: user is root" });
    },
  );

  it("Noncompliance 2: nothing set at all means writable, root, all capabilities", () => {
    expect(check({ ReadonlyRootFilesystem: undefined, User: undefined, LinuxParameters: undefined })).toMatchObject({
      verdict: "non_compliant",
      reason:
        "container api: root filesystem writable (not set), user is root (not set), capabilities not dropped (drop lacks ALL)",
    });
  });

  it("Noncompliance 3: privileged and dropping only some capabilities", () => {
    expect(check({ Privileged: true, LinuxParameters: { Capabilities: { Drop: ["NET_RAW"] } } }).reason).toBe(
      "container api: capabilities not dropped (drop lacks ALL), privileged",
    );
  });

  it("Noncompliance 4: every container's problems in one outcome, exemptions reported", () => {
    expect(
      checkEnvoyExempt(
        hardenedContainer("api", { ReadonlyRootFilesystem: false }),
        hardenedContainer("worker", { User: "0" }),
        hardenedContainer("envoy", { User: "root", Privileged: true }),
      ),
    ).toMatchObject({
      verdict: "non_compliant",
      reason: "container api: root filesystem writable; container worker: user is root; exempt: envoy",
    });
  });

  it("Compliance: an exempt container is reported in the pass reason", () => {
    expect(checkEnvoyExempt(hardenedContainer("api"), hardenedContainer("envoy", { User: "root" }))).toMatchObject({
      verdict: "compliant",
      reason: "1 container: read-only root, non-root user, drop ALL, not privileged; exempt: envoy",
    });
  });

  it("Unknown: the user comes from a parameter without a default", () => {
    expect(check({ User: unknownValue("parameter RunAs has no default") })).toMatchObject({
      verdict: "unknown",
      reason: "container api: user unknown (parameter RunAs has no default)",
    });
  });

  it("Unknown: a dropped capability is unknown and ALL is not listed", () => {
    expect(check({ LinuxParameters: { Capabilities: { Drop: [unknownValue("import")] } } }).verdict).toBe("unknown");
  });

  it("NotApplicable: a task definition without containers", () => {
    const td = taskDefinition("Empty");
    expect(evaluateRule(containerHardening, td, inventoryOf(td)).verdict).toBe("not_applicable");
  });
});
