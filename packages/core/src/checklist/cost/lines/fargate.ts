import type { ScopedService } from "../../engine/scope";
import { isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown } from "../../model/value";
import type { Sourced } from "../assumptions";
import {
  type CostLine,
  type EstimateContext,
  fmt,
  HOURS_PER_MONTH,
  input,
  namesOf,
  nothingInScope,
  notPriced,
  numberOf,
  priced,
} from "../line";

/** Every task includes 20 GB of ephemeral storage; only what a task definition asks beyond it is billed. */
const INCLUDED_EPHEMERAL_GB = 20;

/**
 * ECS on Fargate: each in-scope service's tasks × the vCPU and memory of the task definition it
 * runs × 730 hours, at the rate of the task's CPU architecture (RuntimePlatform), plus ephemeral
 * storage beyond the included 20 GB.
 */
export const fargateLines = (ctx: EstimateContext): CostLine[] => {
  if (ctx.scope.services.length === 0) return [nothingInScope("ecs-fargate", "ECS service")];
  return ctx.scope.services.flatMap((service) => serviceLines(ctx, service));
};

const serviceLines = (ctx: EstimateContext, scoped: ScopedService): CostLine[] => {
  const service = scoped.resource;
  const taskDefinition = runningTaskDefinition(ctx, scoped);
  if (!runsOnFargate(service, taskDefinition))
    return [
      notPriced(
        "ecs-fargate",
        scoped.name,
        service.id,
        "tasks",
        `runs on ${String(service.properties.LaunchType ?? "EC2")} capacity, not Fargate: its instances are not part of this estimate`,
      ),
    ];
  const tasks = taskCountOf(ctx, scoped);
  const vcpu = taskSize(ctx, scoped, taskDefinition, "Cpu", "taskVcpu", parseCpu);
  const memoryGb = taskSize(ctx, scoped, taskDefinition, "Memory", "taskMemoryGb", parseMemory);
  const arm =
    String(asRecord(taskDefinition?.properties.RuntimePlatform).CpuArchitecture ?? "").toUpperCase() === "ARM64";
  const architecture = {
    value: arm ? "ARM64" : "X86_64",
    from: arm ? "RuntimePlatform.CpuArchitecture" : "RuntimePlatform (default X86_64)",
  };
  const rates = arm ? "fargate.linuxArm" : "fargate.linuxX86";
  const base = { service: "ecs-fargate" as const, resource: scoped.name, resourceId: service.id };
  const inputs = [input("tasks", tasks), input("architecture", architecture)];
  const lines = [
    priced(ctx.prices, {
      ...base,
      item: `vCPU (${architecture.value})`,
      quantity: tasks.value * vcpu.value * HOURS_PER_MONTH,
      priceKey: `${rates}.vcpuHour`,
      formula: `${fmt(tasks.value)} tasks × ${fmt(vcpu.value)} vCPU × ${HOURS_PER_MONTH} h`,
      inputs: [...inputs, input("vCPU per task", vcpu)],
    }),
    priced(ctx.prices, {
      ...base,
      item: `memory (${architecture.value})`,
      quantity: tasks.value * memoryGb.value * HOURS_PER_MONTH,
      priceKey: `${rates}.gbHour`,
      formula: `${fmt(tasks.value)} tasks × ${fmt(memoryGb.value)} GB × ${HOURS_PER_MONTH} h`,
      inputs: [...inputs, input("GB per task", memoryGb)],
    }),
  ];
  const ephemeral = numberOf(asRecord(taskDefinition?.properties.EphemeralStorage).SizeInGiB);
  if (ephemeral !== undefined && ephemeral > INCLUDED_EPHEMERAL_GB)
    lines.push(
      priced(ctx.prices, {
        ...base,
        item: "ephemeral storage beyond 20 GB",
        quantity: tasks.value * (ephemeral - INCLUDED_EPHEMERAL_GB) * HOURS_PER_MONTH,
        priceKey: "fargate.ephemeralStorage.gbHour",
        formula: `${fmt(tasks.value)} tasks × (${fmt(ephemeral)} − ${INCLUDED_EPHEMERAL_GB}) GB × ${HOURS_PER_MONTH} h`,
        inputs: [input("tasks", tasks), { name: "GB per task", value: ephemeral, from: "EphemeralStorage.SizeInGiB" }],
      }),
    );
  return lines;
};

/** The task definition the service runs, or undefined (with a warning) when the inventory does not have it. */
const runningTaskDefinition = (ctx: EstimateContext, scoped: ScopedService): Resource | undefined => {
  const found = serviceTaskDefinition(ctx.inventory, scoped.resource);
  if (isUnknown(found) || isDangling(found)) {
    ctx.warnings.push(`${scoped.name}: its task definition could not be read; its task size is assumed`);
    return undefined;
  }
  return found;
};

const runsOnFargate = (service: Resource, taskDefinition: Resource | undefined): boolean => {
  const launchType = service.properties.LaunchType;
  if (launchType === "FARGATE") return true;
  const strategy = asArray(service.properties.CapacityProviderStrategy);
  if (strategy.length > 0)
    return strategy.some((entry) => String(asRecord(entry).CapacityProvider ?? "").startsWith("FARGATE"));
  if (typeof launchType === "string") return false;
  // No launch type: a task definition that can only run on Fargate says where it runs.
  const compatibilities = asArray(taskDefinition?.properties.RequiresCompatibilities);
  return compatibilities.length === 0 || compatibilities.includes("FARGATE");
};

/** The tasks a service runs: readiness.yml's override, else its DesiredCount, else the assumption. */
export const taskCountOf = (ctx: EstimateContext, scoped: ScopedService): Sourced<number> => {
  const override = ctx.assumptions.override("services", serviceNames(scoped), "taskCount");
  if (override) return override;
  const desired = numberOf(scoped.resource.properties.DesiredCount);
  if (desired !== undefined) return { value: desired, from: "DesiredCount" };
  const assumed = ctx.assumptions.get("taskCount");
  ctx.warnings.push(`${scoped.name}: DesiredCount is unknown; ${assumed.value} task(s) assumed (${assumed.from})`);
  return assumed;
};

export const serviceNames = (scoped: ScopedService): string[] =>
  namesOf(scoped.resource.id, scoped.resource.aliases, scoped.name, scoped.resource.properties.ServiceName);

const taskSize = (
  ctx: EstimateContext,
  scoped: ScopedService,
  taskDefinition: Resource | undefined,
  property: "Cpu" | "Memory",
  key: "taskVcpu" | "taskMemoryGb",
  parse: (value: unknown) => number | undefined,
): Sourced<number> => {
  const override = ctx.assumptions.override("services", serviceNames(scoped), key);
  if (override) return override;
  const declared = parse(taskDefinition?.properties[property]);
  if (declared !== undefined) return { value: declared, from: `task definition ${property}` };
  const assumed = ctx.assumptions.get(key);
  if (taskDefinition)
    ctx.warnings.push(
      `${scoped.name}: the task definition's ${property} is unknown; ${assumed.value} ${key === "taskVcpu" ? "vCPU" : "GB"} assumed (${assumed.from})`,
    );
  return assumed;
};

/** Task-level Cpu: CPU units ("512" = 0.5 vCPU) or vCPUs ("0.5 vCPU"). */
export const parseCpu = (value: unknown): number | undefined => {
  const units = numberOf(value);
  if (units !== undefined) return units / 1024;
  const vcpu = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$/i.exec(value) : null;
  return vcpu ? Number(vcpu[1]) : undefined;
};

/** Task-level Memory: MiB ("1024" = 1 GB) or GB ("1 GB", "2GB"). */
export const parseMemory = (value: unknown): number | undefined => {
  const mib = numberOf(value);
  if (mib !== undefined) return mib / 1024;
  const gb = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*gb\s*$/i.exec(value) : null;
  return gb ? Number(gb[1]) : undefined;
};
