import type * as z from "../../kernel/validation/zod";
import { itemParams } from "../catalogue/params";
import { configSchemaWithRuleParams, type ReadinessConfig } from "./schema";

/**
 * readiness.yml validated whole, `rules.<item-id>` against each item's parameter schema: what the
 * CLI and the stacks read. It loads every item's declaration, so the Lambda functions, which take
 * the file the stack validated, read it through schema.ts instead.
 */
export const fullConfigSchema: z.ZodMiniType<ReadinessConfig> = configSchemaWithRuleParams(
  itemParams,
) as z.ZodMiniType<ReadinessConfig>;
