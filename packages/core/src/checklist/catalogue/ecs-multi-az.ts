import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { ecsMultiAz } from "../rules/ecs/ecs-multi-az";

const params = z.strictObject({
  minAvailabilityZones: z
    ._default(z.int().check(z.gte(2)), 2)
    .check(z.describe("distinct AZs the service's subnets (and live tasks) must span")),
  minDesiredCount: z
    ._default(z.int().check(z.gte(1)), 2)
    .check(
      z.describe(
        "lowest acceptable task count: the desired count, or with auto scaling the scalable target's `MinCapacity`",
      ),
    ),
});

/** ECS service multi-AZ: tasks spread across AZ-A and AZ-B */
export const ecsMultiAzItem: ItemDeclaration<"ecs-multi-az", typeof params> = declareItem({
  id: "ecs-multi-az",
  section: "Reliability",
  title: "ECS service multi-AZ: tasks spread across AZ-A and AZ-B",
  severity: "high",
  decidedBy:
    "service subnets span ≥ 2 AZs, desired count ≥ 2 (with auto scaling: the scalable target's `MinCapacity` ≥ 2, whatever the desired count), and (live) running tasks are in ≥ 2 AZs",
  remediation:
    "Place the service in subnets of at least two Availability Zones and set `DesiredCount` to at least 2; with auto scaling, set the scalable target's `MinCapacity` to at least 2.",
  params,
  rules: [ecsMultiAz],
});
