import * as z from "../../kernel/validation/zod";
import { smokeRuns } from "../sources/smoke-runs";
import { declareItem, type ItemDeclaration } from "./item";

const params = z.strictObject({});

/** Idempotency: all write operations are safe to retry */
export const idempotentWritesItem: ItemDeclaration<"idempotent-writes", typeof params> = declareItem({
  id: "idempotent-writes",
  section: "Reliability",
  title: "Idempotency: all write operations are safe to retry",
  severity: "high",
  decidedBy:
    "the smoke test replays the submit with the same idempotency key and must get the same task, and exactly one task must exist",
  remediation:
    "Store the Idempotency-Key of each submit and return the existing task for a replayed key instead of creating a second one.",
  needs: { probe: "no smoke run with an idempotent replay recorded" },
  params,
  sources: { probe: smokeRuns },
});
