import * as z from "../../kernel/validation/zod";
import { recordedEvidence } from "../sources/recorded-evidence";
import { declareItem, type ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({ ...evidenceWindow() });

/** Failure injection tested; worker crash recovery verified */
export const failureInjectionItem: ItemDeclaration<"failure-injection", typeof params> = declareItem({
  id: "failure-injection",
  section: "Reliability",
  title: "Failure injection tested; worker crash recovery verified",
  severity: "medium",
  decidedBy:
    "a crash drill record: a worker task was stopped while tasks were in flight and every task still completed",
  remediation:
    "Run `readiness drill worker-crash --endpoint URL --cluster CLUSTER --service WORKER --results-table TABLE`: it submits tasks, stops a worker task while they are in flight (ECS StopTask) and records whether every task still completed exactly once (docs/drills.md). A task lost on a crash usually means the worker deletes its message before the work is done.",
  needs: { evidence: "no crash drill recorded" },
  params,
  sources: {
    evidence: recordedEvidence({
      howToGather: "run `readiness drill worker-crash --results-table TABLE …` against the worker service",
      roles: ["worker"],
    }),
  },
});
