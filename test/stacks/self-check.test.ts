/**
 * readiness's checklist over its own stacks: Storage, Rules, Gate and Schedule synthesized offline (the
 * gate on, from gate-readiness.yml), checked by checkTemplate, which `readiness check --template`
 * runs, with the default readiness.yml. Every item that applies must pass, or its failure is
 * accepted in docs/stacks.md with the reason; undecided items are listed there too. Its own stage
 * ("test-self-check"), so its function builds do not collide with the other stack tests'.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CHECKLIST, DEFAULT_CONFIG } from "@readiness/core";
import { checkTemplate } from "@readiness/core/checklist/check/check-template";
import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import type { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gate } from "../../stacks/Gate";
import { Rules } from "../../stacks/Rules";
import { Schedule } from "../../stacks/Schedule";
import { Storage } from "../../stacks/Storage";
import { disagreements, logicalIdOf, readSelfCheckDoc } from "./self-check-docs";
import { synthesize } from "./synth";
import { resourcesOf } from "./template-queries";

const STACKS = { Storage, Rules, Gate, Schedule } as const;
const previousConfig = process.env.READINESS_CONFIG;
let report: CheckReport;
let templates: Map<string, Template>;

beforeAll(async () => {
  process.env.READINESS_CONFIG = resolve(import.meta.dirname, "fixtures/gate-readiness.yml");
  const synthesized = await synthesize("test-self-check", Object.values(STACKS));
  templates = new Map(Object.entries(STACKS).map(([name, stack]) => [name, synthesized.get(stack)!]));
  const dir = mkdtempSync(join(tmpdir(), "readiness-self-check-"));
  try {
    for (const [name, template] of templates)
      writeFileSync(join(dir, `${name}.template.json`), JSON.stringify(template.toJSON()));
    ({ report } = await checkTemplate({ path: dir, config: DEFAULT_CONFIG }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => {
  if (previousConfig === undefined) delete process.env.READINESS_CONFIG;
  else process.env.READINESS_CONFIG = previousConfig;
});

describe("readiness's checklist over its own stacks", () => {
  it("Compliance: every item is decided as docs/stacks.md says (passes, an accepted failure, or a listed undecided item)", () => {
    expect(report.items.map((item) => item.id)).toEqual(CHECKLIST.map((item) => item.id));
    expect(disagreements(report, readSelfCheckDoc())).toEqual([]);
  });

  it("Noncompliance guard: with nothing accepted or listed in the docs, the same run disagrees", () => {
    const silent = disagreements(report, { acceptedFailures: [], undecided: new Map() });
    expect(silent.length).toBeGreaterThan(0);
  });

  it("Compliance: dlq-coverage and golden-signals pass on every queue (the evaluator's DLQ is a DLQ; the gate's queue has a depth alarm)", () => {
    const queues = [...templates].flatMap(([stack, template]) =>
      resourcesOf(template, "AWS::SQS::Queue").map(([id]) => `${stack}/${id}`),
    );
    expect(queues.length).toBeGreaterThan(0);
    for (const id of ["dlq-coverage", "golden-signals"] as const) {
      const item = report.items.find((i) => i.id === id)!;
      // golden-signals also needs a metrics document: its configuration part is what the stacks decide.
      expect(
        item.parts.find((part) => part.kind === "config"),
        id,
      ).toMatchObject({ status: "pass" });
      expect(item.findings.map((f) => f.resource).sort(), id).toEqual([...queues].sort());
    }
  });

  it("Compliance: log-retention judges every function's log group, and all but the accepted ones pass", () => {
    const functions = [...templates].flatMap(([stack, template]) =>
      resourcesOf(template, "AWS::Lambda::Function").map(([id]) => `${stack}/${id}`),
    );
    expect(functions.length).toBeGreaterThan(0);
    const item = report.items.find((i) => i.id === "log-retention")!;
    expect(item.findings.map((f) => f.resource).sort()).toEqual([...functions].sort());
    const accepted = new Set(
      readSelfCheckDoc()
        .acceptedFailures.filter((a) => a.item === "log-retention")
        .map((a) => a.logicalId),
    );
    const passing = functions.filter((id) => !accepted.has(logicalIdOf(id)));
    expect(passing.length).toBeGreaterThan(0);
    for (const finding of item.findings.filter((f) => passing.includes(f.resource)))
      expect(finding, finding.resource).toMatchObject({
        status: "pass",
        reason: expect.stringMatching(/keeps logs 30 days$/),
      });
  });
});
