import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({ ...evidenceWindow() });

/** Failure injection tested; worker crash recovery verified */
export const failureInjectionItem: ItemDeclaration<"failure-injection", typeof params> = {
  id: "failure-injection",
  section: "Reliability",
  title: "Failure injection tested; worker crash recovery verified",
  kinds: ["evidence"],
  severity: "medium",
  decidedBy:
    "a crash drill record: a worker task was stopped while tasks were in flight and every task still completed",
  remediation:
    "Stop a worker task while tasks are in flight (ECS StopTask) and confirm every submitted task still completes exactly once. readiness cannot record that drill yet, so this item stays undecided (?).",
  needs: { evidence: "needs evidence: no crash drill recorded" },
  params,
  rules: [],
};
