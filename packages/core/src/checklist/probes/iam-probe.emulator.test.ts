import { ECSClient } from "@aws-sdk/client-ecs";
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
// The emulator harness: integration only, core's code never imports it.
import { createApiService } from "@readiness/devkit/test-support/api-service";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { checkLive } from "../check/check-live";
import { checkTemplate } from "../check/check-template";
import { DEFAULT_CONFIG } from "../config/schema";

/**
 * The probe against the real moto server, which does not implement SimulatePrincipalPolicy: the
 * item must come out `unknown` with "endpoint lacks", the run must not crash, and the config part
 * must still be decided from the policies moto does serve.
 */
const moto = useEmulator({ resetBeforeEach: true });

const ECS_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** One Fargate-less ECS service whose task role has a scoped inline policy. */
const provisionService = async (): Promise<{ roleArn: string }> => {
  const config = moto.clientConfig();
  const iam = new IAMClient(config);
  const ecs = new ECSClient(config);
  const created = await iam.send(new CreateRoleCommand({ RoleName: "api-task", AssumeRolePolicyDocument: ECS_TRUST }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: "api-task",
      PolicyName: "queue",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:tasks" },
        ],
      }),
    }),
  );
  await createApiService(ecs, {
    taskRoleArn: created.Role!.Arn,
    containerDefinitions: [{ name: "api", image: "public.ecr.aws/nginx/nginx:1", memory: 256, essential: true }],
  });
  iam.destroy();
  ecs.destroy();
  return { roleArn: created.Role!.Arn! };
};

describe("iam-least-privilege probe on an endpoint without SimulatePrincipalPolicy", () => {
  it("is unknown with 'endpoint lacks iam:SimulatePrincipalPolicy' on the role, not a crash", async () => {
    const { roleArn } = await provisionService();

    const { report } = await checkLive({
      config: DEFAULT_CONFIG,
      endpoint: moto.emulator.endpoint,
      region: "us-east-1",
      only: ["iam-least-privilege"],
    });

    const [item] = report.items;
    expect(item?.status).toBe("unknown");
    expect(item?.parts).toEqual([
      { kind: "config", status: "pass", reason: "1 resources pass" },
      {
        kind: "probe",
        status: "unknown",
        reason: "1 of 1 task roles could not be simulated: endpoint lacks iam:SimulatePrincipalPolicy",
      },
    ]);
    expect(item?.findings.filter((f) => f.kind === "probe")).toEqual([
      expect.objectContaining({
        resource: roleArn,
        type: "AWS::IAM::Role",
        status: "unknown",
        reason: "role api-task: endpoint lacks iam:SimulatePrincipalPolicy",
      }),
    ]);
  });

  it("is not asked when --skip leaves the item out", async () => {
    await provisionService();

    const { report } = await checkLive({
      config: DEFAULT_CONFIG,
      endpoint: moto.emulator.endpoint,
      region: "us-east-1",
      only: ["iam-least-privilege", "log-retention"],
      skip: ["iam-least-privilege"],
    });

    expect(report.items.map((i) => i.id)).toEqual(["log-retention"]);
  });
});

describe("iam-least-privilege probe on a template", () => {
  it("stays unknown: it needs a live account", async () => {
    const { report } = await checkTemplate({
      path: "examples/task-platform/compliant.yaml",
      config: DEFAULT_CONFIG,
      only: ["iam-least-privilege"],
    });

    expect(report.items[0]?.parts.find((p) => p.kind === "probe")).toEqual({
      kind: "probe",
      status: "unknown",
      reason: "needs a live account: SimulatePrincipalPolicy runs against deployed task roles (readiness check --live)",
    });
  });
});
