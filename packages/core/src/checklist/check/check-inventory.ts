import { CHECKLIST, type ItemId } from "../catalogue/items";
import { paramsFromConfig } from "../config/params";
import type { ReadinessConfig } from "../config/schema";
import { type CheckReport, type PartDecider, runChecks } from "../engine/engine";
import { buildScope, ScopeError } from "../engine/scope";
import { UsageError } from "../../kernel/errors";
import type { Inventory } from "../inventory/inventory";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import { RULES } from "../rules/registry";
import type { ConfigRule } from "../rules/rule";

/** What every check needs besides its source: the config and the selection flags. */
export interface CheckSelection {
  readonly config: ReadinessConfig;
  /** --only: evaluate just these items. */
  readonly only?: readonly ItemId[];
  /** --skip: leave these items out. */
  readonly skip?: readonly ItemId[];
  /** --service: restrict to these ECS services (names, ARNs or logical ids). */
  readonly services?: readonly string[];
  /** Defaults to every registered rule. */
  readonly rules?: readonly ConfigRule[];
  readonly partDeciders?: readonly PartDecider[];
}

export interface CheckOutcome {
  readonly report: CheckReport;
  /** Things the user should know that do not change a verdict (ignored template features, unmatched services). */
  readonly warnings: readonly string[];
}

export interface InventoryCheckInput extends CheckSelection {
  readonly inventory: Inventory;
  /** What was checked: the template path, or the account/endpoint and region. */
  readonly source: string;
  readonly unreadableTypes?: ReadonlyMap<string, string>;
  /** Live: the clusters named (--cluster, services[].cluster); they restrict the scope (see buildScope). */
  readonly clusters?: readonly string[];
  /** Live, --account-wide: every resource read is in scope. */
  readonly accountWide?: boolean;
}

/** Evaluates an inventory from any source: scope from readiness.yml and --service, params from readiness.yml. */
export const checkInventory = (input: InventoryCheckInput): CheckOutcome => {
  let scope: ReturnType<typeof buildScope>;
  try {
    scope = buildScope(input.inventory, input.config, {
      onlyServices: input.services,
      clusters: input.clusters,
      accountWide: input.accountWide,
    });
  } catch (error) {
    if (error instanceof ScopeError) {
      // No service found may only mean none could be read: then that is what to fix.
      const unreadable = input.unreadableTypes?.get(ECS_SERVICE);
      const message = unreadable ? `${error.message} (ECS services could not be read: ${unreadable})` : error.message;
      throw new UsageError(message, undefined, error.hint, { cause: error });
    }
    throw error;
  }
  const warnings = unmatchedServices(input).map(
    (name) => `readiness.yml service "${name}" matches no ECS service in ${input.source}; it is not checked`,
  );
  const report = runChecks({
    items: CHECKLIST,
    inventory: input.inventory,
    rules: input.rules ?? RULES,
    scope,
    params: paramsFromConfig(input.config),
    only: input.only,
    skip: input.skip,
    partDeciders: input.partDeciders,
    source: input.source,
    unreadableTypes: input.unreadableTypes,
  });
  return { report, warnings };
};

const unmatchedServices = (input: InventoryCheckInput): string[] => {
  const services = input.inventory.ofType(ECS_SERVICE);
  return input.config.services
    .filter(
      (declared) =>
        !services.some(
          (s) =>
            s.id === declared.service ||
            s.aliases.includes(declared.service) ||
            s.properties.ServiceName === declared.service,
        ),
    )
    .map((declared) => declared.service);
};
