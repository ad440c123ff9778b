import type * as z from "../../kernel/validation/zod";
import { CHECKLIST, type ItemId, type ParamsOf } from "./items";

export type { ParamsOf } from "./items";

/** Every item's parameter schema by id (readiness.yml's `rules:` section is validated against them). */
export const itemParams = Object.fromEntries(CHECKLIST.map((item) => [item.id, item.params])) as {
  readonly [Id in ItemId]: Extract<(typeof CHECKLIST)[number], { readonly id: Id }>["params"];
};

export type ItemParamSchemas = typeof itemParams;

/** Defaults of an item's parameters. */
export const defaultParams = <Id extends ItemId>(id: Id): ParamsOf<Id> =>
  (itemParams[id] as z.ZodMiniType).parse({}) as ParamsOf<Id>;
