import { describe, expect, it } from "vitest";
import { checksOn } from "@readiness/devkit/testing/checks";
import type { ItemId } from "../../catalogue/items";
import type { Resource } from "../../model/resource";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { alarm } from "@readiness/devkit/fixtures/cloudwatch";
import { RULES } from "../registry";
import { loadBalancer, service, vpcWithSubnets } from "@readiness/devkit/fixtures/network";

const ITEMS: ItemId[] = [
  "dlq-coverage",
  "dynamodb-capacity",
  "private-subnets",
  "sg-alb-only",
  "vpc-flow-logs",
  "mtls",
  "log-retention",
  "iam-least-privilege",
  "golden-signals",
];
const DLQ_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/tasks-dlq";

const taskDefinition = (id: string, logGroup: string, environment: Record<string, string> = {}) =>
  resource("AWS::ECS::TaskDefinition", id, {
    TaskRoleArn: "TaskRole",
    ContainerDefinitions: [
      {
        Name: "app",
        Environment: Object.entries(environment).map(([Name, Value]) => ({ Name, Value })),
        LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": logGroup } },
      },
    ],
  });
const logGroup = (id: string, name: string, retention?: number) =>
  resource("AWS::Logs::LogGroup", id, { LogGroupName: name, RetentionInDays: retention }, [name]);

/** The seed's platform (API, Worker, DLQ processor), compliant on every non-ECS config item. */
const platform = (): Resource[] => [
  ...vpcWithSubnets(),
  resource("AWS::EC2::FlowLog", "FlowLog", { ResourceId: "Vpc", ResourceType: "VPC", TrafficType: "ALL" }),
  resource("AWS::EC2::SecurityGroup", "AlbSg", {
    SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" }],
  }),
  resource("AWS::EC2::SecurityGroup", "ApiSg", {
    SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 8443, ToPort: 8443, SourceSecurityGroupId: "AlbSg" }],
  }),
  resource("AWS::EC2::SecurityGroup", "WorkerSg", {}),
  loadBalancer({ Subnets: ["PublicSubnet"], SecurityGroups: ["AlbSg"] }),
  resource("AWS::ElasticLoadBalancingV2::TargetGroup", "ApiTargets", {}),
  resource("AWS::ElasticLoadBalancingV2::Listener", "Https", {
    LoadBalancerArn: "Alb",
    Protocol: "HTTPS",
    Port: 443,
    DefaultActions: [{ Type: "forward", TargetGroupArn: "ApiTargets" }],
    MutualAuthentication: { Mode: "verify", TrustStoreArn: "arn:aws:elasticloadbalancing:eu-west-1:1:truststore/c/1" },
  }),
  service(
    "Api",
    { Subnets: ["PrivateSubnet"], SecurityGroups: ["ApiSg"], AssignPublicIp: "DISABLED" },
    { LoadBalancers: [{ ContainerName: "app", ContainerPort: 8443, TargetGroupArn: "ApiTargets" }] },
  ),
  service("Worker", { Subnets: ["PrivateSubnet"], SecurityGroups: ["WorkerSg"] }),
  service(
    "DlqProcessor",
    { Subnets: ["PrivateSubnet"], SecurityGroups: ["WorkerSg"] },
    { ServiceName: "dlq-processor" },
  ),
  taskDefinition("ApiTask", "/ecs/api"),
  taskDefinition("WorkerTask", "/ecs/worker"),
  taskDefinition("DlqProcessorTask", "/ecs/dlq", { DLQ_URL }),
  logGroup("ApiLogs", "/ecs/api", 30),
  logGroup("WorkerLogs", "/ecs/worker", 30),
  logGroup("DlqLogs", "/ecs/dlq", 30),
  resource("AWS::IAM::Role", "TaskRole", {
    Policies: [
      {
        PolicyName: "app",
        PolicyDocument: {
          Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "Tasks" }],
        },
      },
    ],
  }),
  resource("AWS::SQS::Queue", "Tasks", { QueueName: "tasks", RedrivePolicy: { deadLetterTargetArn: "TasksDlq" } }),
  resource("AWS::SQS::Queue", "TasksDlq", { QueueName: "tasks-dlq", MessageRetentionPeriod: 1209600 }, [DLQ_URL]),
  resource("AWS::DynamoDB::Table", "TasksTable", { BillingMode: "PAY_PER_REQUEST" }),
  alarm("TasksDepth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "Tasks" }),
  alarm("DlqDepth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "TasksDlq" }),
  alarm("ApiCpu", "AWS/ECS", "CPUUtilization", { ServiceName: "api" }),
  alarm("WorkerCpu", "AWS/ECS", "CPUUtilization", { ServiceName: "worker" }),
  alarm("ApiLatency", "AWS/ApplicationELB", "TargetResponseTime", { TargetGroup: "ApiTargets" }),
  alarm("ApiTraffic", "AWS/ApplicationELB", "RequestCount", { LoadBalancer: "Alb" }),
  alarm("ApiErrors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", { TargetGroup: "ApiTargets" }),
];

const check = (resources: Resource[]) => {
  const report = checksOn(inventoryOf(...resources), RULES, { only: ITEMS });
  return new Map(report.items.map((item) => [item.id, item]));
};

const replace = (resources: Resource[], replacement: Resource): Resource[] =>
  resources.map((r) => (r.id === replacement.id ? replacement : r));

describe("non-ECS config rules through the engine", () => {
  it("Compliance: the seed's platform passes every non-ECS config part", () => {
    const items = check(platform());
    for (const id of ITEMS) {
      const config = items.get(id)!.parts.find((p) => p.kind === "config")!;
      expect({ id, status: config.status, reason: config.reason }).toMatchObject({ id, status: "pass" });
    }
  });

  it("Noncompliance: a broken platform fails with specific findings", () => {
    let broken = platform().filter((r) => !["FlowLog", "DlqDepth", "TaskRole"].includes(r.id));
    broken = replace(broken, resource("AWS::SQS::Queue", "Tasks", { QueueName: "tasks" }));
    broken = replace(broken, logGroup("WorkerLogs", "/ecs/worker"));
    broken = replace(
      broken,
      resource("AWS::EC2::SecurityGroup", "ApiSg", {
        SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 8443, CidrIp: "0.0.0.0/0" }],
      }),
    );
    broken.push(
      resource("AWS::IAM::Role", "TaskRole", { ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
    );
    const items = check(broken);
    const failing = (id: ItemId) =>
      items
        .get(id)!
        .findings.filter((f) => f.status === "fail")
        .map((f) => `${f.resource}: ${f.reason}`);
    expect(failing("vpc-flow-logs")).toEqual(["Vpc: VPC has no flow log"]);
    expect(failing("dlq-coverage")).toEqual(["Tasks: queue tasks has no RedrivePolicy (no DLQ)"]);
    expect(failing("golden-signals")).toEqual([
      "TasksDlq: DLQ tasks-dlq has no queue depth alarm (ApproximateNumberOfMessagesVisible)",
    ]);
    expect(failing("log-retention")).toEqual(["WorkerLogs: log group /ecs/worker never expires (no RetentionInDays)"]);
    expect(failing("sg-alb-only")).toEqual(["ApiSg: ingress tcp 8443 from 0.0.0.0/0 (not the load balancer's SG)"]);
    expect(failing("iam-least-privilege")).toEqual(["TaskRole: AWS managed policy AdministratorAccess attached"]);
    for (const id of ["dynamodb-capacity", "private-subnets", "mtls"] as const)
      expect(items.get(id)!.status).not.toBe("fail");
  });
});
