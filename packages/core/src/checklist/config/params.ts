import type { ItemId } from "../catalogue/items";
import { itemParams, type ParamsOf } from "../catalogue/params";
import type { ReadinessConfig } from "./schema";

/** Parameters of an item: its defaults overridden by readiness.yml's `rules.<id>`. */
export const paramsFromConfig =
  (config: ReadinessConfig) =>
  (id: ItemId): ParamsOf<ItemId> =>
    itemParams[id].parse((config.rules as Record<string, unknown>)[id] ?? {}) as ParamsOf<ItemId>;
