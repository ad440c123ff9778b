import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { buildPlatform } from "./platform";

// Every test builds the platform (cluster "platform", service "api", desired count 2, running
// tasks in two AZs) into a fresh emulator, then registers the service's scalable target.
const moto = useEmulator({ resetBeforeEach: true });

const registerServiceScaling = async (minCapacity: number): Promise<void> => {
  const scaling = new ApplicationAutoScalingClient(moto.clientConfig());
  await scaling.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: "ecs",
      ResourceId: "service/platform/api",
      ScalableDimension: "ecs:service:DesiredCount",
      MinCapacity: minCapacity,
      MaxCapacity: 10,
    }),
  );
  // The target is what DescribeScalableTargets reads back, not only what was sent.
  const { ScalableTargets: targets } = await scaling.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: "ecs" }),
  );
  expect(targets?.map((t) => [t.ResourceId, t.MinCapacity])).toEqual([["service/platform/api", minCapacity]]);
};

const multiAzFinding = async () => {
  const { report } = await checkLive({
    config: DEFAULT_CONFIG,
    endpoint: moto.emulator.endpoint,
    region: "us-east-1",
    only: ["ecs-multi-az"],
  });
  const [item] = report.items;
  expect(item.findings).toHaveLength(1);
  return item.findings[0];
};

describe("ecs-multi-az live, with the service's auto scaling (DescribeScalableTargets)", () => {
  it("Noncompliance: desired count 2, but a scalable target may scale in to one task", async () => {
    await buildPlatform(moto.clientConfig());
    await registerServiceScaling(1);
    expect(await multiAzFinding()).toMatchObject({
      status: "fail",
      reason: "desired count 2, auto scaling may scale in to 1 (MinCapacity), need ≥ 2",
    });
  });

  it("Compliance: desired count 1, but a scalable target keeps two tasks", async () => {
    await buildPlatform(moto.clientConfig());
    await new ECSClient(moto.clientConfig()).send(
      new UpdateServiceCommand({ cluster: "platform", service: "api", desiredCount: 1 }),
    );
    await registerServiceScaling(2);
    expect(await multiAzFinding()).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("desired count 1, auto scaling may scale in to 2 (MinCapacity)"),
    });
  });
});
