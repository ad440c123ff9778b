import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { loadTemplateInventory } from "@readiness/core/checklist/adapters/template/index";
import { paramsFromConfig } from "@readiness/core/checklist/config/params";
import { type ReadinessConfig, readinessConfigSchema } from "@readiness/core/checklist/config/schema";
import { type CheckReport, runChecks } from "@readiness/core/checklist/engine/engine";
import { buildScope } from "@readiness/core/checklist/engine/scope";
import { RULES } from "@readiness/core/checklist/rules/registry";

export const PLATFORM_DIR = join(import.meta.dirname, "../../examples/task-platform");

export type Variant = "compliant" | "broken";

export const templatePath = (variant: Variant): string => join(PLATFORM_DIR, `${variant}.yaml`);

export const platformConfig = (): ReadinessConfig =>
  readinessConfigSchema.parse(parse(readFileSync(join(PLATFORM_DIR, "readiness.yml"), "utf8")));

/** Checks one variant's template with every rule, scoped and parameterised by the example's readiness.yml. */
export const checkTemplate = async (variant: Variant): Promise<CheckReport> => {
  const { inventory } = await loadTemplateInventory(templatePath(variant));
  const config = platformConfig();
  return runChecks({
    items: CHECKLIST,
    inventory,
    rules: RULES,
    scope: buildScope(inventory, config),
    params: paramsFromConfig(config),
    source: templatePath(variant),
  });
};

/** For every item whose config part fails: the sorted ids of the resources with failing config findings. */
export const failingResourcesByItem = (report: CheckReport): Record<string, string[]> => {
  const failing: Record<string, string[]> = {};
  for (const item of report.items) {
    const ids = item.findings.filter((f) => f.kind === "config" && f.status === "fail").map((f) => f.resource);
    if (ids.length > 0) failing[item.id] = [...new Set(ids)].sort();
  }
  return failing;
};
