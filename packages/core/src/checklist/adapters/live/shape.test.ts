import { describe, expect, it } from "vitest";
import { cfnRules } from "./security-groups";
import { toCfnShape } from "./shape";
import { registryScansOnPush } from "./ecr";
import { runningTaskZones } from "./collect";
import { LiveAccessDeniedError } from "./errors";

describe("toCfnShape", () => {
  it("PascalCases SDK keys but keeps log option and label keys as written", () => {
    const shaped = toCfnShape({
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/api" } },
      dockerLabels: { "com.example.team": "core" },
      linuxParameters: { capabilities: { drop: ["ALL"] } },
      efsVolumeConfiguration: { fileSystemId: "fs-1" },
      unset: undefined,
    });
    expect(shaped).toEqual({
      LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "/ecs/api" } },
      DockerLabels: { "com.example.team": "core" },
      LinuxParameters: { Capabilities: { Drop: ["ALL"] } },
      EFSVolumeConfiguration: { FileSystemId: "fs-1" },
    });
  });
});

describe("cfnRules (security group permissions → CloudFormation rules)", () => {
  it("flattens one permission into one rule per peer", () => {
    const rules = cfnRules(
      {
        IpProtocol: "tcp",
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: "0.0.0.0/0" }],
        Ipv6Ranges: [{ CidrIpv6: "::/0" }],
        UserIdGroupPairs: [{ GroupId: "sg-alb", UserId: "123456789012" }],
        PrefixListIds: [{ PrefixListId: "pl-1" }],
      },
      "ingress",
    );
    const base = { IpProtocol: "tcp", FromPort: 443, ToPort: 443 };
    expect(rules).toEqual([
      { ...base, CidrIp: "0.0.0.0/0" },
      { ...base, CidrIpv6: "::/0" },
      { ...base, SourceSecurityGroupId: "sg-alb", SourceSecurityGroupOwnerId: "123456789012" },
      { ...base, SourcePrefixListId: "pl-1" },
    ]);
  });

  it("names egress peers as destinations", () => {
    expect(cfnRules({ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-db" }] }, "egress")).toEqual([
      { IpProtocol: "-1", DestinationSecurityGroupId: "sg-db" },
    ]);
  });
});

describe("registryScansOnPush", () => {
  const configuration = (filter: string, scanFrequency: "SCAN_ON_PUSH" | "MANUAL" | "CONTINUOUS_SCAN") => ({
    scanType: "ENHANCED" as const,
    rules: [{ scanFrequency, repositoryFilters: [{ filter, filterType: "WILDCARD" as const }] }],
  });

  it("Compliance: a scan-on-push rule whose wildcard matches the repository", () => {
    expect(registryScansOnPush(configuration("task-service/*", "SCAN_ON_PUSH"), "task-service/api")).toBe(true);
    expect(registryScansOnPush(configuration("*", "CONTINUOUS_SCAN"), "anything")).toBe(true);
  });

  it("Noncompliance: manual scanning, a filter that does not match, or no rules", () => {
    expect(registryScansOnPush(configuration("*", "MANUAL"), "task-service/api")).toBe(false);
    expect(registryScansOnPush(configuration("other/*", "SCAN_ON_PUSH"), "task-service/api")).toBe(false);
    expect(registryScansOnPush({ scanType: "BASIC", rules: [] }, "task-service/api")).toBe(false);
  });
});

describe("runningTaskZones", () => {
  const zones = new Map([["subnet-b", "eu-west-1b"]]);

  it("takes each task's AZ, else the AZ of its interface's subnet", () => {
    const placements = [
      { taskArn: "t1", availabilityZone: "eu-west-1a" },
      { taskArn: "t2", subnetId: "subnet-b" },
    ];
    expect(runningTaskZones({ ok: true, value: placements }, zones)).toEqual(["eu-west-1a", "eu-west-1b"]);
  });

  it("is unknown, never a guess, when a task's AZ cannot be told", () => {
    const result = runningTaskZones({ ok: true, value: [{ taskArn: "t3", subnetId: "subnet-x" }] }, zones);
    expect(String(result)).toBe("<unknown: task t3 reports no availability zone>");
  });

  it("is unknown with the reason when the tasks could not be read", () => {
    const result = runningTaskZones({ ok: false, error: new LiveAccessDeniedError("ecs:ListTasks") }, zones);
    expect(String(result)).toBe("<unknown: missing permission ecs:ListTasks>");
  });

  it("is an empty list when the service runs no task", () => {
    expect(runningTaskZones({ ok: true, value: [] }, zones)).toEqual([]);
  });
});
