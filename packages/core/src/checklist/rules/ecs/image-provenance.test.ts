import { describe, expect, it } from "vitest";
import { Inventory } from "../../inventory/inventory";
import { unknownValue } from "../../model/value";
import { inventoryOf } from "@readiness/devkit/testing/builders";
import { evaluateRule, hardenedContainer, repository, taskDefinition } from "@readiness/devkit/fixtures/ecs";
import { imageProvenance } from "./image-provenance";

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

/** The task definition's images, with the ECR repository task-service/api in the inventory. */
const checkImages = (...images: unknown[]) => {
  const td = taskDefinition("ApiTask", ...images.map((Image, i) => hardenedContainer(`c${i + 1}`, { Image })));
  return evaluateRule(imageProvenance, td, inventoryOf(td, repository("task-service/api")));
};

describe("image-provenance: task definitions", () => {
  it("Compliance: images pinned by digest or by an explicit version tag", () => {
    const outcome = checkImages(
      `${ECR}/task-service/api:1.4.2`,
      `${ECR}/task-service/api@sha256:${"a".repeat(64)}`,
      "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
      "localhost:5000/tools/migrate:2024-05-01",
    );
    expect(outcome).toMatchObject({ verdict: "compliant", reason: "4 images pinned by digest or an explicit tag" });
  });

  it("Compliance: a latest tag pinned by digest is still pinned", () => {
    expect(checkImages(`nginx:latest@sha256:${"b".repeat(64)}`).verdict).toBe("compliant");
  });

  it("Noncompliance 1: tag latest", () => {
    expect(checkImages(`${ECR}/task-service/api:latest`)).toMatchObject({
      verdict: "non_compliant",
      reason: "image c1: tag latest",
    });
  });

  it("Noncompliance 2: no tag means latest, even behind a registry port", () => {
    expect(checkImages("nginx", "localhost:5000/tools/migrate")).toMatchObject({
      verdict: "non_compliant",
      reason: "image c1: no tag (means latest); image c2: no tag (means latest)",
    });
  });

  it("Unknown 2: an ECR image whose repository is outside the template: its scanning cannot be known", () => {
    const td = taskDefinition("ApiTask", hardenedContainer("api", { Image: `${ECR}/orders/api:1.4.2` }));
    expect(evaluateRule(imageProvenance, td, inventoryOf(td))).toMatchObject({
      verdict: "unknown",
      reason:
        "image api: scan on push of ECR repository orders/api unknown: the repository is not in the template (a live check reads it)",
    });
  });

  it("Unknown 3: live, an ECR image whose repository is not among those read", () => {
    const td = taskDefinition(
      "ApiTask",
      hardenedContainer("api", { Image: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/orders/api:1.4.2` }),
    );
    expect(evaluateRule(imageProvenance, td, new Inventory([td], "live")).reason).toBe(
      "image api: scan on push of ECR repository orders/api unknown: the repository is not among those read (another account or region, or deleted)",
    );
  });

  it("Noncompliance 3: an unpinned image fails even when its repository is unknown", () => {
    const td = taskDefinition("ApiTask", hardenedContainer("api", { Image: `${ECR}/orders/api:latest` }));
    expect(evaluateRule(imageProvenance, td, inventoryOf(td))).toMatchObject({
      verdict: "non_compliant",
      reason: "image api: tag latest",
    });
  });

  it("Unknown 1: an image the template cannot resolve", () => {
    expect(checkImages(unknownValue("parameter ImageTag has no default"))).toMatchObject({
      verdict: "unknown",
      reason: "image c1: unknown (parameter ImageTag has no default)",
    });
  });

  it("NotApplicable: a task definition without containers", () => {
    const td = taskDefinition("Empty");
    expect(evaluateRule(imageProvenance, td, inventoryOf(td)).verdict).toBe("not_applicable");
  });
});

describe("image-provenance: repositories", () => {
  const check = (repo: ReturnType<typeof repository>) => evaluateRule(imageProvenance, repo, inventoryOf(repo));

  it("Compliance 1: scan on push enabled", () => {
    expect(check(repository("api", { ImageScanningConfiguration: { ScanOnPush: true } }))).toMatchObject({
      verdict: "compliant",
      reason: "scan on push enabled",
    });
  });

  it("Compliance 2: registry-level scanning on push (live)", () => {
    expect(check(repository("api", {}, { registryScanOnPush: true })).reason).toBe(
      "registry-level scanning on push covers the repository",
    );
  });

  it("Noncompliance 1: scan on push disabled (the Config sample item)", () => {
    expect(check(repository("test", { ImageScanningConfiguration: { ScanOnPush: false } })).verdict).toBe(
      "non_compliant",
    );
  });

  it("Noncompliance 2: scanning not configured at all", () => {
    expect(check(repository("api"))).toMatchObject({
      verdict: "non_compliant",
      reason: "scan on push not set (disabled)",
    });
  });

  it("Unknown: registry scanning could not be read and the repository does not scan", () => {
    expect(
      check(
        repository("api", {}, { registryScanOnPush: unknownValue("missing ecr:GetRegistryScanningConfiguration") }),
      ),
    ).toMatchObject({ verdict: "unknown" });
  });
});
