import { DEFAULT_CONFIG, type ReadinessConfig, readinessConfigSchema } from "../config/schema";
import { buildScope, type Scope } from "../engine/scope";
import { Inventory } from "../inventory/inventory";
import type { Resource } from "../model/resource";

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
