import { describe, expect, it } from "vitest";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { type CostEstimate, estimateCost } from "./estimate";
import type { CostLine } from "./line";
import { PRICE_KEYS, type PriceKey, type PriceTable } from "./prices";
import type { CostSettings } from "./settings";

/** Round prices, so every expected figure below can be worked out by hand. */
const TEST_PRICES: Record<PriceKey, number> = {
  "fargate.linuxX86.vcpuHour": 0.04,
  "fargate.linuxX86.gbHour": 0.004,
  "fargate.linuxArm.vcpuHour": 0.03,
  "fargate.linuxArm.gbHour": 0.003,
  "fargate.ephemeralStorage.gbHour": 0.0001,
  "dynamodb.onDemand.writeRequestUnits": 1,
  "dynamodb.onDemand.readRequestUnits": 0.2,
  "dynamodb.provisioned.wcuHour": 0.001,
  "dynamodb.provisioned.rcuHour": 0.0002,
  "dynamodb.storage.gbMonth": 0.25,
  "sqs.standard.requests": 0.4,
  "sqs.fifo.requests": 0.5,
  "alb.hour": 0.02,
  "alb.lcuHour": 0.008,
  "cloudwatch.logs.ingestedGb": 0.5,
  "cloudwatch.logs.storedGbMonth": 0.03,
  "cloudwatch.metrics.metricMonth": 0.3,
  "cloudwatch.alarms.standardMetricMonth": 0.1,
  "cloudwatch.alarms.highResolutionMetricMonth": 0.3,
};
const TABLE: PriceTable = {
  date: "2026-01-01",
  currency: "USD",
  basis: "test prices",
  regions: {
    "test-1": Object.fromEntries(
      PRICE_KEYS.map((key) => [
        key,
        {
          usd: TEST_PRICES[key],
          per: key,
          source: "https://example.test",
          evidence: "test",
          confirmed: key !== "alb.hour",
        },
      ]),
    ) as PriceTable["regions"][string],
  },
};

const estimate = (resources: ReturnType<typeof resource>[], cost: CostSettings = {}, raw = {}): CostEstimate => {
  const inventory = inventoryOf(...resources);
  const config = configOf(raw);
  return estimateCost({
    inventory,
    scope: scopeOf(inventory, config),
    settings: cost,
    region: "test-1",
    prices: TABLE,
  });
};

const line = (result: CostEstimate, resourceName: string, item: string): CostLine => {
  const found = result.lines.find((l) => l.resource === resourceName && l.item.startsWith(item));
  if (!found)
    throw new Error(
      `no line ${resourceName} · ${item} in ${result.lines.map((l) => `${l.resource} · ${l.item}`).join("; ")}`,
    );
  return found;
};

const taskDefinition = (id: string, properties: Record<string, unknown>) =>
  resource("AWS::ECS::TaskDefinition", id, { RequiresCompatibilities: ["FARGATE"], ...properties }, [id]);
const service = (id: string, properties: Record<string, unknown>) =>
  resource("AWS::ECS::Service", id, { LaunchType: "FARGATE", ServiceName: id, ...properties }, [id]);

describe("estimateCost: ECS Fargate", () => {
  it("prices tasks × vCPU and memory × 730 h at the task's architecture, plus ephemeral storage beyond 20 GB", () => {
    const result = estimate([
      taskDefinition("ApiTask", {
        Cpu: "1024",
        Memory: "2048",
        RuntimePlatform: { CpuArchitecture: "ARM64" },
        EphemeralStorage: { SizeInGiB: 30 },
      }),
      service("api", { DesiredCount: 3, TaskDefinition: "ApiTask" }),
    ]);
    // 3 tasks × 1 vCPU × 730 h = 2,190 vCPU-hours × $0.03 (ARM) = $65.70
    expect(line(result, "api", "vCPU")).toMatchObject({ quantity: 2190, monthlyUsd: 65.7, item: "vCPU (ARM64)" });
    // 3 tasks × 2 GB × 730 h = 4,380 GB-hours × $0.003 = $13.14
    expect(line(result, "api", "memory")).toMatchObject({ quantity: 4380, monthlyUsd: 13.14 });
    // 3 tasks × (30 − 20) GB × 730 h = 21,900 GB-hours × $0.0001 = $2.19
    expect(line(result, "api", "ephemeral")).toMatchObject({ quantity: 21900, monthlyUsd: 2.19 });
    expect(result.totals["ecs-fargate"]).toBe(81.03);
    expect(line(result, "api", "vCPU").inputs).toEqual([
      { name: "tasks", value: 3, from: "DesiredCount" },
      { name: "architecture", value: "ARM64", from: "RuntimePlatform.CpuArchitecture" },
      { name: "vCPU per task", value: 1, from: "task definition Cpu" },
    ]);
  });

  it("readiness.yml overrides the task count and size; x86 is the default architecture; '0.5 vCPU' and '1 GB' parse", () => {
    const result = estimate(
      [
        taskDefinition("WorkerTask", { Cpu: "0.5 vCPU", Memory: "1 GB" }),
        service("worker", { DesiredCount: 2, TaskDefinition: "WorkerTask" }),
      ],
      { services: { worker: { taskCount: 5 } } },
    );
    // 5 tasks × 0.5 vCPU × 730 h = 1,825 vCPU-hours × $0.04 = $73.00; 5 × 1 GB × 730 h = 3,650 × $0.004 = $14.60
    expect(line(result, "worker", "vCPU")).toMatchObject({ quantity: 1825, monthlyUsd: 73, item: "vCPU (X86_64)" });
    expect(line(result, "worker", "memory")).toMatchObject({ quantity: 3650, monthlyUsd: 14.6 });
    expect(line(result, "worker", "vCPU").inputs[0]).toEqual({
      name: "tasks",
      value: 5,
      from: "readiness.yml cost.services.worker.taskCount",
    });
    expect(result.assumptions).toContainEqual(
      expect.objectContaining({ name: "services.worker.taskCount", value: 5, from: "readiness.yml" }),
    );
  });

  it("an unknown DesiredCount and task size take the assumptions, and the estimate warns about each", () => {
    const result = estimate([taskDefinition("Task", {}), service("jobs", { TaskDefinition: "Task" })], {
      taskCount: 4,
    });
    // 4 tasks × 0.25 vCPU (default) × 730 h = 730 vCPU-hours × $0.04 = $29.20
    expect(line(result, "jobs", "vCPU")).toMatchObject({ quantity: 730, monthlyUsd: 29.2 });
    expect(result.warnings).toEqual([
      "jobs: DesiredCount is unknown; 4 task(s) assumed (readiness.yml cost.taskCount)",
      "jobs: the task definition's Cpu is unknown; 0.25 vCPU assumed (assumption taskVcpu)",
      "jobs: the task definition's Memory is unknown; 0.5 GB assumed (assumption taskMemoryGb)",
    ]);
  });

  it("a service on EC2 capacity is listed, not priced as Fargate", () => {
    const result = estimate([
      resource("AWS::ECS::TaskDefinition", "Ec2Task", { Cpu: "256", Memory: "512" }, ["Ec2Task"]),
      resource("AWS::ECS::Service", "legacy", { LaunchType: "EC2", DesiredCount: 2, TaskDefinition: "Ec2Task" }),
    ]);
    expect(result.lines.filter((l) => l.service === "ecs-fargate")).toEqual([
      expect.objectContaining({ resource: "legacy", monthlyUsd: 0, note: expect.stringContaining("not Fargate") }),
    ]);
  });
});

describe("estimateCost: DynamoDB", () => {
  it("an on-demand table: request units from the traffic (writes also write each GSI) and storage", () => {
    const result = estimate(
      [
        resource("AWS::DynamoDB::Table", "Tasks", {
          TableName: "tasks",
          BillingMode: "PAY_PER_REQUEST",
          GlobalSecondaryIndexes: [{ IndexName: "by-key" }],
        }),
      ],
      { requestsPerSecond: 2, readsPerRequest: 3, itemSizeKb: 5, tables: { tasks: { tableStorageGb: 10 } } },
    );
    // 2 req/s × 2,628,000 s = 5,256,000 requests; a 5 KB item: 5 WRU per write, 2 RRU per strongly consistent read.
    // writes: 5,256,000 × 1 × 5 WRU × (1 table + 1 GSI) = 52,560,000 WRU = 52.56 M × $1 = $52.56
    expect(line(result, "tasks", "write request units")).toMatchObject({ quantity: 52.56, monthlyUsd: 52.56 });
    // reads: 5,256,000 × 3 × 2 RRU = 31,536,000 RRU = 31.536 M × $0.2 = $6.3072
    expect(line(result, "tasks", "read request units")).toMatchObject({ quantity: 31.536, monthlyUsd: 6.3072 });
    // 10 GB × $0.25 = $2.50
    expect(line(result, "tasks", "storage")).toMatchObject({ quantity: 10, monthlyUsd: 2.5 });
    expect(result.totals.dynamodb).toBe(61.37);
  });

  it("eventually consistent reads cost half a read unit", () => {
    const result = estimate(
      [resource("AWS::DynamoDB::Table", "T", { TableName: "t", BillingMode: "PAY_PER_REQUEST" })],
      { requestsPerSecond: 1, stronglyConsistentReads: false },
    );
    // 2,628,000 reads × 0.5 RRU = 1,314,000 RRU = 1.314 M × $0.2 = $0.2628
    expect(line(result, "t", "read request units")).toMatchObject({ quantity: 1.314, monthlyUsd: 0.2628 });
  });

  it("a provisioned table: its capacity and its indexes' × 730 h", () => {
    const result = estimate([
      resource("AWS::DynamoDB::Table", "Events", {
        BillingMode: "PROVISIONED",
        ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 },
        GlobalSecondaryIndexes: [
          { IndexName: "by-status", ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 5 } },
        ],
      }),
    ]);
    // (5 + 5) WCU × 730 h = 7,300 WCU-hours × $0.001 = $7.30; (10 + 4) RCU × 730 h = 10,220 × $0.0002 = $2.044
    expect(line(result, "Events", "provisioned write")).toMatchObject({ quantity: 7300, monthlyUsd: 7.3 });
    expect(line(result, "Events", "provisioned read")).toMatchObject({ quantity: 10220, monthlyUsd: 2.044 });
    expect(line(result, "Events", "provisioned write").formula).toBe("(5 (table) + 5 (by-status)) WCU × 730 h");
  });
});

describe("estimateCost: SQS", () => {
  const platform = (queueProps: Record<string, unknown> = {}) => [
    resource("AWS::SQS::Queue", "Dlq", { QueueName: "jobs-dlq" }, ["jobs-dlq", "arn:aws:sqs:test-1:1:jobs-dlq"]),
    resource(
      "AWS::SQS::Queue",
      "Jobs",
      { QueueName: "jobs", RedrivePolicy: { deadLetterTargetArn: "arn:aws:sqs:test-1:1:jobs-dlq" }, ...queueProps },
      ["jobs", "https://sqs/jobs"],
    ),
    taskDefinition("WorkerTask", {
      Cpu: "256",
      Memory: "512",
      ContainerDefinitions: [{ Name: "w", Environment: [{ Name: "QUEUE_URL", Value: "https://sqs/jobs" }] }],
    }),
    service("worker", { DesiredCount: 2, TaskDefinition: "WorkerTask" }),
  ];
  const roles = { services: [{ service: "worker", role: "worker" }] };

  it("three requests per 64 KB chunk of each message, the DLQ its share, and the consumer tasks' polls", () => {
    const result = estimate(
      platform(),
      { requestsPerSecond: 1, messagesPerRequest: 2, messageSizeKb: 100, deadLetterShare: 0.01 },
      roles,
    );
    // 1 req/s × 2,628,000 s × 2 = 5,256,000 messages × 2 chunks × 3 = 31,536,000 requests = 31.536 M × $0.4 = $12.6144
    expect(line(result, "jobs", "message requests (standard)")).toMatchObject({
      quantity: 31.536,
      monthlyUsd: 12.6144,
    });
    // 5,256,000 × 0.01 = 52,560 dead letters × 2 chunks × 3 = 315,360 = 0.31536 M × $0.4 = $0.126144
    expect(line(result, "jobs-dlq", "message requests")).toMatchObject({ quantity: 0.31536, monthlyUsd: 0.1261 });
    // 2 worker tasks × 2,628,000 s / 20 s = 262,800 polls = 0.2628 M × $0.4 = $0.10512
    expect(line(result, "jobs", "receive polls")).toMatchObject({ quantity: 0.2628, monthlyUsd: 0.1051 });
    expect(result.lines.some((l) => l.resource === "jobs-dlq" && l.item === "receive polls")).toBe(false);
  });

  it("a FIFO queue is priced at the FIFO rate", () => {
    const result = estimate(platform({ FifoQueue: true }), { requestsPerSecond: 1 }, roles);
    // 2,628,000 messages × 1 chunk × 3 = 7,884,000 = 7.884 M × $0.5 = $3.942
    expect(line(result, "jobs", "message requests (FIFO)")).toMatchObject({ quantity: 7.884, monthlyUsd: 3.942 });
  });
});

describe("estimateCost: ALB", () => {
  const balancer = [
    resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Lb", { Name: "front", Type: "application" }, ["lb-arn"]),
    resource("AWS::ElasticLoadBalancingV2::Listener", "Listener", { LoadBalancerArn: "lb-arn" }, ["listener-arn"]),
  ];
  const rules = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      resource("AWS::ElasticLoadBalancingV2::ListenerRule", `Rule${i}`, {
        ListenerArn: "listener-arn",
        Priority: i + 1,
      }),
    );

  it("730 hours, and LCUs from the largest dimension: here processed bytes", () => {
    const result = estimate(balancer, { requestsPerSecond: 100, requestsPerConnection: 10 });
    // 730 h × $0.02 = $14.60
    expect(line(result, "front", "load balancer hours")).toMatchObject({ quantity: 730, monthlyUsd: 14.6 });
    // new connections 10/s ÷ 25 = 0.4; active 10 × 5 s = 50 ÷ 3,000; processed 100 × 3,600 × 6 KB = 2,160,000 KB
    // = 2.0599 GB/h ÷ 1 = 2.0599 LCU (largest) × 730 h = 1,503.7537 LCU-hours × $0.008 = $12.03
    const lcu = line(result, "front", "LCU");
    expect(lcu.quantity).toBeCloseTo(1503.7537, 3);
    expect(lcu.monthlyUsd).toBeCloseTo(12.03, 2);
    expect(lcu.formula).toContain("(processed GB)");
  });

  it("rule evaluations beyond the first 10 rules count too", () => {
    const result = estimate([...balancer, ...rules(15)], {
      requestsPerSecond: 1000,
      requestsPerConnection: 1000,
      requestKb: 0,
      responseKb: 0,
    });
    // 1,000 req/s × (15 − 10) rules = 5,000 evaluations/s ÷ 1,000 = 5 LCU × 730 h = 3,650 LCU-hours × $0.008 = $29.20
    expect(line(result, "front", "LCU")).toMatchObject({ quantity: 3650, monthlyUsd: 29.2 });
    expect(line(result, "front", "LCU").formula).toContain("(rule evaluations)");
  });

  it("a network load balancer is listed, not priced", () => {
    const result = estimate([resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Nlb", { Type: "network" })]);
    expect(result.lines.filter((l) => l.service === "alb")).toEqual([
      expect.objectContaining({ resource: "Nlb", monthlyUsd: 0, note: expect.stringContaining("network") }),
    ]);
  });
});

describe("estimateCost: CloudWatch", () => {
  const platform = [
    resource("AWS::Logs::LogGroup", "ApiLogs", { LogGroupName: "/api" }, ["/api"]),
    resource("AWS::Logs::LogGroup", "WorkerLogs", { LogGroupName: "/worker", RetentionInDays: 30 }, ["/worker"]),
    resource("AWS::Logs::LogGroup", "FlowLogs", { LogGroupName: "/flow", RetentionInDays: 7 }, ["/flow"]),
    taskDefinition("ApiTask", {
      Cpu: "256",
      Memory: "512",
      ContainerDefinitions: [
        { Name: "api", LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "/api" } } },
      ],
    }),
    taskDefinition("WorkerTask", {
      Cpu: "256",
      Memory: "512",
      ContainerDefinitions: [
        { Name: "w", LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "/worker" } } },
      ],
    }),
    service("api", { DesiredCount: 1, TaskDefinition: "ApiTask" }),
    service("worker", { DesiredCount: 1, TaskDefinition: "WorkerTask" }),
    resource("AWS::CloudWatch::Alarm", "Fast", { AlarmName: "fast", MetricName: "Latency", Period: 10 }),
    resource("AWS::CloudWatch::Alarm", "Math", {
      AlarmName: "math",
      Metrics: [
        { Id: "a", MetricStat: { Period: 60 } },
        { Id: "b", MetricStat: { Period: 60 } },
        { Id: "c", MetricStat: { Period: 300 } },
        { Id: "e", Expression: "a+b+c" },
      ],
    }),
  ];
  // No services declared: the whole inventory is in scope, and roles come from the names (api, worker).
  const roles = {};
  const settings: CostSettings = {
    requestsPerSecond: 1,
    messagesPerRequest: 2,
    logBytesPerRequest: 4096,
    neverExpireLogMonths: 6,
    otherLogGbPerMonth: 3,
    services: { api: { customMetricsPerService: 4 } },
  };

  it("log ingestion from the requests (or messages) each writer handles × log bytes; storage × months held", () => {
    const result = estimate(platform, settings, roles);
    // api: 1 req/s × 2,628,000 s × 4,096 B = 10,764,288,000 B / 2^30 = 10.025024 GB × $0.5 = $5.0125
    expect(line(result, "/api", "log ingestion").quantity).toBeCloseTo(10.025024, 5);
    expect(line(result, "/api", "log ingestion").monthlyUsd).toBeCloseTo(5.0125, 4);
    // never expires: 6 months held (readiness.yml) → 60.150146 GB-months × $0.03 = $1.8045
    expect(line(result, "/api", "log storage").quantity).toBeCloseTo(60.150146, 5);
    expect(line(result, "/api", "log storage").monthlyUsd).toBeCloseTo(1.8045, 4);
    // worker: 2 messages per request → 20.050049 GB × $0.5 = $10.025; 30 days = 30 / 30.4375 months held
    expect(line(result, "/worker", "log ingestion").quantity).toBeCloseTo(20.050049, 5);
    expect(line(result, "/worker", "log storage").quantity).toBeCloseTo(20.050049 * (30 / 30.4375), 4);
    // nobody writes to /flow: 3 GB (readiness.yml) × $0.5 = $1.50
    expect(line(result, "/flow", "log ingestion")).toMatchObject({ quantity: 3, monthlyUsd: 1.5 });
  });

  it("alarms per metric evaluated, high resolution under 60 s; custom metrics per service", () => {
    const result = estimate(platform, settings, roles);
    // period 10 s: 1 metric × $0.3
    expect(line(result, "fast", "alarm (high resolution)")).toMatchObject({ quantity: 1, monthlyUsd: 0.3 });
    // metric math over 3 metrics: 3 × $0.1
    expect(line(result, "math", "alarm (standard resolution)")).toMatchObject({ quantity: 3, monthlyUsd: 0.3 });
    // 4 custom metrics × $0.3 = $1.20, for api only (worker publishes none: no line)
    expect(line(result, "api", "custom metrics")).toMatchObject({ quantity: 4, monthlyUsd: 1.2 });
    expect(result.lines.some((l) => l.resource === "worker" && l.item === "custom metrics")).toBe(false);
  });
});

describe("estimateCost: the estimate as a whole", () => {
  it("covers the five services even when the scope has none of them, at $0 each", () => {
    const result = estimate([]);
    expect(result.lines.map((l) => [l.service, l.item, l.monthlyUsd])).toEqual([
      ["ecs-fargate", "no ECS service in scope", 0],
      ["dynamodb", "no DynamoDB table in scope", 0],
      ["sqs", "no SQS queue in scope", 0],
      ["alb", "no load balancer in scope", 0],
      ["cloudwatch", "no log group, alarm or custom metric in scope", 0],
    ]);
    expect(result.totals).toEqual({ "ecs-fargate": 0, dynamodb: 0, sqs: 0, alb: 0, cloudwatch: 0 });
    expect(result.total).toBe(0);
  });

  it("names the unconfirmed prices it used, and readiness.yml overrides that matched nothing", () => {
    const result = estimate([resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Lb", { Type: "application" })], {
      tables: { ghost: { itemSizeKb: 2 } },
    });
    expect(result.notes.filter((note) => note.startsWith("unconfirmed price"))).toEqual([
      "unconfirmed price alb.hour (test-1): $0.02 per alb.hour: test",
    ]);
    expect(result.warnings).toEqual(["readiness.yml cost.tables.ghost names no resource in scope; it changes nothing"]);
  });

  it("estimates only what is in scope: the declared services and what they use", () => {
    const result = estimate(
      [
        resource("AWS::DynamoDB::Table", "Used", { TableName: "used", BillingMode: "PAY_PER_REQUEST" }, ["used"]),
        resource("AWS::DynamoDB::Table", "Other", { TableName: "other", BillingMode: "PAY_PER_REQUEST" }, ["other"]),
        taskDefinition("Task", {
          Cpu: "256",
          Memory: "512",
          ContainerDefinitions: [{ Name: "a", Environment: [{ Name: "T", Value: "used" }] }],
        }),
        service("api", { DesiredCount: 1, TaskDefinition: "Task" }),
      ],
      {},
      { services: [{ service: "api", role: "api" }] },
    );
    expect([...new Set(result.lines.filter((l) => l.service === "dynamodb").map((l) => l.resource))]).toEqual(["used"]);
  });
});
