import { DEFAULT_CONFIG, type ReadinessConfig, readinessConfigSchema } from "@readiness/core/checklist/config/schema";
import { buildScope, type Scope } from "@readiness/core/checklist/engine/scope";
import { Inventory } from "@readiness/core/checklist/inventory/inventory";
import type { Resource } from "@readiness/core/checklist/model/resource";

/**
 * Test builders: a resource in the canonical (CloudFormation-shaped) model. References between
 * resources are plain strings that match the target's id or one of its aliases, exactly as the
 * adapters produce them.
 */
export const resource = (
  type: string,
  id: string,
  properties: Record<string, unknown> = {},
  aliases: string[] = [],
  observed?: Record<string, unknown>,
): Resource => ({ id, type, properties, aliases, ...(observed ? { observed } : {}) });

export const inventoryOf = (...resources: Resource[]): Inventory => new Inventory(resources);

export const configOf = (raw: Record<string, unknown> = {}): ReadinessConfig =>
  readinessConfigSchema.parse({ version: 1, ...raw });

export const scopeOf = (inventory: Inventory, config: ReadinessConfig = DEFAULT_CONFIG): Scope =>
  buildScope(inventory, config);
