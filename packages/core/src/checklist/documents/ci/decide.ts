/*
 * cicd-gate, document part.
 * Given a workflow triggered by pull_request to the main branch with a job that runs the tests for it, and a workflow triggered by push to the main branch with a job that deploys, runs on that push, and needs (directly or through other jobs) a job that runs the tests, without an `if:` that lets it run when they fail → pass.
 * Given no such pull-request gate, or no such deploy (none on push to main, none that needs the tests, one that runs even when they fail) → fail, naming each workflow and job considered and why it does not count.
 * Given a condition or filter readiness cannot decide (an unknown context, a paths filter is noted but not decided) and nothing that passes → unknown, naming it.
 * Given an unreadable or invalid workflow file → fail with file:line. Given no workflow file → unknown.
 */
import type { ParamsOf } from "../../catalogue/params";
import { neverThrows } from "../decider-guard/decider-guard";
import { describePlace, type DocumentFile, type DocumentFinding, type DocumentVerdict, verdictOf } from "../types";
import { FilterPatternError, matchesAny, matchesBranches } from "./branch-filter";
import {
  describeCondition,
  ExpressionSyntaxError,
  evaluateJobCondition,
  type JobStatus,
  parseExpression,
  truthy,
  UNKNOWN,
  type Value,
} from "./expression";
import { calledWorkflow, deployEvidence, testEvidence } from "./job-kinds";
import { type EventFilter, type Job, readWorkflow, type Workflow } from "./workflow";

export interface CicdGateInput {
  readonly workflows: readonly DocumentFile[];
  readonly params: ParamsOf<"cicd-gate">;
}

type Decision = true | false | typeof UNKNOWN;
interface Outcome {
  readonly status: "pass" | "fail" | "unknown";
  readonly note: string;
}

const SUCCEEDED: JobStatus = { success: true, failure: false, cancelled: false };
const TESTS_FAILED: JobStatus = { success: false, failure: true, cancelled: false };
/** pull_request's default activity types; a `types` filter must keep one that a new commit fires. */
const CODE_CHANGE_TYPES = ["opened", "synchronize", "reopened"];

const decideCicdGateUnguarded = ({ workflows: files, params }: CicdGateInput): DocumentVerdict => {
  if (files.length === 0)
    return verdictOf([{ status: "unknown", reason: "no CI workflow configured (documents.ciWorkflows)" }], "");
  const findings: DocumentFinding[] = [];
  const workflows: Workflow[] = [];
  for (const file of files) {
    const reading = readWorkflow(file);
    if (reading.ok) workflows.push(reading.workflow);
    else findings.push(...reading.problems);
  }
  const main = params.mainBranch;
  const pr = pullRequestGate(workflows, main);
  const deploy = deployOnMain(workflows, main);
  const gate = summarise(pr, `no job runs the tests on pull requests to ${main}`);
  const release = summarise(deploy, `no job deploys on push to ${main} after the tests`);
  findings.push(gate, release);
  return verdictOf(findings, `${gate.reason}; ${release.reason}`);
};

/** The first passing outcome, else every reason it is missing or undecided. */
const summarise = (outcomes: readonly Outcome[], missing: string): DocumentFinding => {
  const passed = outcomes.find((o) => o.status === "pass");
  if (passed) return { status: "pass", reason: passed.note };
  const undecided = outcomes.filter((o) => o.status === "unknown");
  const notes = outcomes.map((o) => o.note).join("; ") || "no workflow has such a job";
  return { status: undecided.length > 0 ? "unknown" : "fail", reason: `${missing}: ${notes}` };
};

const pullRequestGate = (workflows: readonly Workflow[], main: string): Outcome[] => {
  const outcomes: Outcome[] = [];
  for (const workflow of workflows) {
    const filter = workflow.on.get("pull_request");
    if (!filter && workflow.on.has("pull_request_target") && workflow.jobs.some((job) => testEvidence(job, workflows)))
      outcomes.push({
        status: "fail",
        note: `${workflow.file} runs its tests on pull_request_target, which runs the base branch's workflow and code, not the pull request's: add pull_request`,
      });
    if (!filter) continue;
    const targets = branchFilterAdmits(filter, main, "pull_request");
    if (targets !== true) {
      outcomes.push({
        status: targets === UNKNOWN ? "unknown" : "fail",
        note: `${workflow.file}: pull_request ${targets === UNKNOWN ? "filter cannot be decided" : `does not run for pull requests to ${main}: ${whyNotAdmitted(filter, main, "pull_request")}`}`,
      });
      continue;
    }
    if (filter.types && !filter.types.some((t) => CODE_CHANGE_TYPES.includes(t))) {
      outcomes.push({
        status: "fail",
        note: `${workflow.file}: pull_request types [${filter.types.join(", ")}] never run on a new commit (opened, synchronize or reopened)`,
      });
      continue;
    }
    const tests = workflow.jobs.filter((job) => testEvidence(job, workflows));
    if (tests.length === 0)
      outcomes.push({ status: "fail", note: `${workflow.file} runs on pull_request, but none of its jobs runs tests` });
    for (const job of tests) {
      const runs = runsFor(job, pullRequestContexts(main), SUCCEEDED, needsContext(job, workflow, workflows, false));
      const what = `${at(job)} ${testEvidence(job, workflows)} on pull_request to ${main}`;
      if (runs.decision === true) outcomes.push({ status: "pass", note: `${what}${pathsNote(filter)}` });
      else outcomes.push({ status: runs.decision === UNKNOWN ? "unknown" : "fail", note: `${at(job)} ${runs.why}` });
    }
  }
  return outcomes;
};

const deployOnMain = (workflows: readonly Workflow[], main: string): Outcome[] => {
  const outcomes: Outcome[] = [];
  for (const workflow of workflows) {
    const deployJobs = workflow.jobs.filter((job) => deployEvidence(job, workflows));
    if (deployJobs.length === 0) continue;
    const filter = workflow.on.get("push");
    const triggered = filter ? branchFilterAdmits(filter, main, "push") : false;
    if (triggered !== true) {
      const events = [...workflow.on.keys()].join(", ") || "nothing";
      outcomes.push({
        status: triggered === UNKNOWN ? "unknown" : "fail",
        note: `${deployJobs.map(at).join(", ")} deploy${deployJobs.length === 1 ? "s" : ""}, but ${workflow.file} ${filter ? (triggered === UNKNOWN ? "has a push filter that cannot be decided" : `does not run on push to ${main}: ${whyNotAdmitted(filter, main, "push")}`) : `runs on ${events}, not on push${workflow.on.has("workflow_run") ? WORKFLOW_RUN_NOTE : ""}`}`,
      });
      continue;
    }
    for (const job of deployJobs) outcomes.push(deployOutcome(job, workflow, workflows, main, filter!));
  }
  return outcomes;
};

const deployOutcome = (
  job: Job,
  workflow: Workflow,
  workflows: readonly Workflow[],
  main: string,
  filter: EventFilter,
  depth = 0,
): Outcome => {
  const contexts = pushContexts(main);
  const runs = runsFor(job, contexts, SUCCEEDED, needsContext(job, workflow, workflows, false));
  const what = `${at(job)} ${deployEvidence(job, workflows)}`;
  if (runs.decision !== true)
    return { status: runs.decision === UNKNOWN ? "unknown" : "fail", note: `${what}, but ${runs.why}` };
  const chain = needsChain(job, workflow);
  const gates = chain.filter(
    (j) =>
      testEvidence(j, workflows) &&
      runsFor(j, contexts, SUCCEEDED, needsContext(j, workflow, workflows, false)).decision !== false,
  );
  // A called workflow may hold the gate itself: its deploy job needs its own test job.
  const called = gates.length === 0 && depth < 4 ? calledWorkflow(job, workflows) : undefined;
  if (called) {
    const inner = called.jobs
      .filter((j) => deployEvidence(j, workflows))
      .map((j) => deployOutcome(j, called, workflows, main, filter, depth + 1));
    const passed = inner.find((o) => o.status === "pass");
    if (passed) return { status: "pass", note: `${at(job)} calls ${called.file}, where ${passed.note}` };
  }
  if (gates.length === 0)
    return {
      status: "fail",
      note: `${what} on push to ${main}, but ${chain.length === 0 ? "it needs no job" : `its needs (${chain.map((j) => j.id).join(", ")}) reach no job that runs the tests`}`,
    };
  const bypass = runsFor(job, contexts, TESTS_FAILED, needsContext(job, workflow, workflows, true));
  if (bypass.decision !== false)
    return {
      status: bypass.decision === UNKNOWN ? "unknown" : "fail",
      note: `${what} on push to ${main}, but its if: ${describeCondition(job.condition ?? "")} ${bypass.decision === UNKNOWN ? "may let it run" : "lets it run"} when the tests fail`,
    };
  const gate = gates[0]!;
  return {
    status: "pass",
    note: `${what} on push to ${main} after ${gate.id} (${describePlace(gate.place)}), which ${testEvidence(gate, workflows)}${pathsNote(filter)}`,
  };
};

/**
 * The `needs` context of a job's `if`: each job it needs directly, with its `result` (its outputs
 * are not known). When the tests pass every needed job succeeded; when they fail, a needed test
 * job failed and a needed job that itself needs a test job was skipped, as GitHub skips a job
 * whose needs failed.
 */
const needsContext = (
  job: Job,
  workflow: Workflow,
  workflows: readonly Workflow[],
  testsFailed: boolean,
): Record<string, Value> => {
  const byId = new Map(workflow.jobs.map((j) => [j.id, j]));
  const resultOf = (need: Job): string => {
    if (!testsFailed) return "success";
    if (testEvidence(need, workflows)) return "failure";
    return needsChain(need, workflow).some((j) => testEvidence(j, workflows)) ? "skipped" : "success";
  };
  return Object.fromEntries(
    job.needs.flatMap((id) => {
      const need = byId.get(id);
      return need ? [[id.toLowerCase(), { result: resultOf(need) }]] : [];
    }),
  );
};

/** Why a deploy started by another workflow's completion does not count, so the reason says what would. */
const WORKFLOW_RUN_NOTE =
  " (a deploy started by another workflow's completion is not followed: readiness asks for the deploy job in a workflow run by push, with needs that reach the tests, or a call of the tested workflow)";

/** The jobs a job needs, directly or through the jobs it needs. */
const needsChain = (job: Job, workflow: Workflow): Job[] => {
  const byId = new Map(workflow.jobs.map((j) => [j.id, j]));
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const need of byId.get(id)?.needs ?? []) visit(need);
  };
  for (const need of job.needs) visit(need);
  return [...seen].flatMap((id) => (byId.get(id) ? [byId.get(id)!] : []));
};

const runsFor = (
  job: Job,
  contexts: Record<string, Value>,
  status: JobStatus,
  needs: Record<string, Value> = {},
): { decision: Decision; why: string } => {
  if (job.condition === undefined)
    return { decision: status.success, why: status.success ? "" : "a needed job failed" };
  const condition = describeCondition(job.condition);
  try {
    const decision = truthy(evaluateJobCondition(parseExpression(job.condition), { ...contexts, needs }, status));
    const event =
      contexts.github && typeof contexts.github === "object"
        ? String((contexts.github as Record<string, Value>).event_name)
        : "";
    return {
      decision,
      why:
        decision === UNKNOWN
          ? `its if: ${condition} cannot be decided for ${event} (it reads a context readiness does not know)`
          : `its if: ${condition} is false for ${event}`,
    };
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    return { decision: UNKNOWN, why: `its if: ${condition} cannot be read (${error.message})` };
  }
};

/** Whether the event's branch filters let a ref of `branch` through. */
const branchFilterAdmits = (filter: EventFilter, branch: string, event: string): Decision => {
  try {
    if (filter.branches) return matchesBranches(filter.branches, branch);
    if (filter.branchesIgnore) return !matchesAny(filter.branchesIgnore, branch);
    // A push filter of tags only runs for tags, never for branch pushes.
    if (event === "push" && (filter.tags || filter.tagsIgnore)) return false;
    return true;
  } catch (error) {
    if (error instanceof FilterPatternError) return UNKNOWN;
    throw error;
  }
};

/** The filter that keeps the main branch out, as written, so a placeholder (`$default-branch`) or a typo shows. */
const whyNotAdmitted = (filter: EventFilter, branch: string, event: string): string => {
  const list = (patterns: readonly string[]) => `[${patterns.join(", ")}]`;
  if (filter.branches) return `its ${event} filter branches ${list(filter.branches)} does not admit ${branch}`;
  if (filter.branchesIgnore)
    return `its ${event} filter branches-ignore ${list(filter.branchesIgnore)} leaves ${branch} out`;
  const tags = filter.tags ? `tags ${list(filter.tags)}` : `tags-ignore ${list(filter.tagsIgnore ?? [])}`;
  return `its ${event} filter has ${tags} and no branches, so it runs for tags only`;
};

const pathsNote = (filter: EventFilter): string =>
  filter.paths || filter.pathsIgnore
    ? ` (when the changed files pass its paths filter, which readiness does not decide)`
    : "";

const at = (job: Job): string => `job ${job.id} (${describePlace(job.place)})`;

const pushContexts = (main: string): Record<string, Value> => ({
  github: {
    event_name: "push",
    ref: `refs/heads/${main}`,
    ref_name: main,
    ref_type: "branch",
    base_ref: "",
    head_ref: "",
    event: { ref: `refs/heads/${main}`, repository: { default_branch: main } },
  },
});

const pullRequestContexts = (main: string): Record<string, Value> => ({
  github: {
    event_name: "pull_request",
    base_ref: main,
    // The gate is a new commit on a pull request ready for review: not a draft, not merged, its action synchronize.
    event: {
      action: "synchronize",
      pull_request: { base: { ref: main }, draft: false, merged: false },
      repository: { default_branch: main },
    },
  },
});

export const decideCicdGate = neverThrows(
  "cicd-gate",
  (input: CicdGateInput) => input.workflows.map((f) => f.path),
  decideCicdGateUnguarded,
);
