import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateVpcCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPlatform, type Platform } from "../live/platform";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { readiness } from "./helpers";

// The real bin against a moto server holding one platform (cluster "platform", service "api", its
// VPC with a flow log) beside VPCs the platform never uses: moto's default VPC and one more.
describe("readiness check --live: what is in scope", () => {
  const moto = useEmulator();
  const quiet = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  let platform: Platform;
  let unusedVpcs: string[];
  let dir: string;

  beforeAll(async () => {
    platform = await buildPlatform(moto.clientConfig());
    const ec2 = new EC2Client(moto.clientConfig());
    await ec2.send(new CreateVpcCommand({ CidrBlock: "10.9.0.0/16" }));
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    ec2.destroy();
    unusedVpcs = vpcs.map((vpc) => vpc.VpcId!).filter((id) => id !== platform.vpcId);
    dir = mkdtempSync(join(tmpdir(), "readiness-scope-"));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const vpcFlowLogs = (...flags: string[]) =>
    readiness(["check", "--live", "--endpoint-url", moto.emulator.endpoint, "--only", "vpc-flow-logs", ...flags], {
      env: quiet,
    });
  const judgedVpcs = (stdout: string): string[] =>
    (JSON.parse(stdout).items[0].findings as { resource: string }[]).map((f) => f.resource.split("/").pop()!).sort();

  it("--cluster judges only the VPCs its services use: unused VPCs (the default one too) are out of scope", async () => {
    // Two unused VPCs: moto's default one and the one this test made.
    expect(unusedVpcs.length).toBe(2);
    const result = await vpcFlowLogs("--cluster", "platform", "--format", "json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.scope).toEqual({
      kind: "clusters",
      description: "clusters platform",
      clusters: ["platform"],
      services: ["api"],
      roles: [{ service: "api", role: "api", source: "load-balancer-target", evidence: "target group api-tg" }],
    });
    expect(report.items[0].status).toBe("pass");
    expect(judgedVpcs(result.stdout)).toEqual([platform.vpcId]);
  });

  it("--account-wide judges every VPC the account has, and says so", async () => {
    const result = await vpcFlowLogs("--cluster", "platform", "--account-wide", "--format", "json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.scope).toMatchObject({ kind: "account-wide", description: "account-wide" });
    expect(judgedVpcs(result.stdout)).toEqual([platform.vpcId, ...unusedVpcs].sort());
    const failed = (report.items[0].findings as { resource: string; status: string }[])
      .filter((f) => f.status === "fail")
      .map((f) => f.resource.split("/").pop())
      .sort();
    expect(failed).toEqual([...unusedVpcs].sort());
  });

  it("the clusters readiness.yml names (services[].cluster) restrict the scope the same way", async () => {
    const config = join(dir, "readiness.yml");
    writeFileSync(config, "version: 1\nservices:\n  - cluster: platform\n    service: api\n    role: api\n");
    const result = await vpcFlowLogs("--config", config, "--format", "json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).scope).toEqual({
      kind: "services",
      description: "services api (clusters platform)",
      clusters: ["platform"],
      services: ["api"],
      roles: [{ service: "api", role: "api", source: "readiness.yml", evidence: "declared" }],
    });
    expect(judgedVpcs(result.stdout)).toEqual([platform.vpcId]);
  });

  it("the table says which scope ran", async () => {
    const scoped = await vpcFlowLogs("--cluster", "platform");
    expect(scoped.stdout.split("\n").slice(0, 2)).toEqual([
      `readiness: live ${moto.emulator.endpoint}`,
      "scope: clusters platform",
    ]);
    const everything = await vpcFlowLogs();
    expect(everything.stdout.split("\n")[1]).toBe("scope: account-wide");
  });
});
