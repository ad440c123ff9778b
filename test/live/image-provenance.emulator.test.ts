import { ECRClient, PutImageScanningConfigurationCommand } from "@aws-sdk/client-ecr";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { buildPlatform } from "./platform";

// The platform's task definition runs 123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/api:1.4.2,
// and the repository task-service/api exists in the account: a template naming only the image
// cannot judge its scanning (issue 8.8), a live check reads the repository and decides.
const moto = useEmulator({ resetBeforeEach: true });

const imageProvenance = async () => {
  const { report } = await checkLive({
    config: DEFAULT_CONFIG,
    endpoint: moto.emulator.endpoint,
    region: "us-east-1",
    only: ["image-provenance"],
  });
  const [item] = report.items;
  return { status: item.status, findings: item.findings.map((f) => [f.resource, f.status, f.reason]) };
};

const REPOSITORY_ARN = "arn:aws:ecr:us-east-1:123456789012:repository/task-service/api";

describe("image-provenance live: the repository of a task definition's image is read", () => {
  it("Compliance: the image's repository scans on push", async () => {
    await buildPlatform(moto.clientConfig());
    const { status, findings } = await imageProvenance();
    expect(findings).toContainEqual([REPOSITORY_ARN, "pass", "scan on push enabled"]);
    expect(findings.filter(([, s]) => s !== "pass")).toEqual([]);
    expect(status).toBe("pass");
  });

  it("Noncompliance: the image's repository does not scan on push", async () => {
    const { repositoryName } = await buildPlatform(moto.clientConfig());
    await new ECRClient(moto.clientConfig()).send(
      new PutImageScanningConfigurationCommand({ repositoryName, imageScanningConfiguration: { scanOnPush: false } }),
    );
    const { status, findings } = await imageProvenance();
    expect(findings).toContainEqual([REPOSITORY_ARN, "fail", "scan on push disabled"]);
    expect(status).toBe("fail");
  });
});
