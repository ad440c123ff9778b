import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { paramsFromConfig } from "@readiness/core/checklist/config/params";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { type CheckReport, type EngineInput, runChecks } from "@readiness/core/checklist/engine/engine";
import type { Inventory } from "@readiness/core/checklist/inventory/inventory";
import type { ConfigRule } from "@readiness/core/checklist/rules/rule";
import { scopeOf } from "./builders";

/**
 * The engine over the whole checklist on `inventory` with `rules`, readiness.yml's defaults and the
 * scope they give; `overrides` replaces any of those inputs (only, part deciders, source…).
 */
export const checksOn = (
  inventory: Inventory,
  rules: readonly ConfigRule[],
  overrides: Partial<EngineInput> = {},
): CheckReport =>
  runChecks({
    items: CHECKLIST,
    inventory,
    rules,
    scope: scopeOf(inventory),
    params: paramsFromConfig(DEFAULT_CONFIG),
    source: "test",
    ...overrides,
  });
