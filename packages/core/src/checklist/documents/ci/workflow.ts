import { failAt, isRecord, kindOf, readSingleYaml } from "../located-yaml/located-yaml";
import type { DocumentFile, DocumentFinding, DocumentPlace } from "../types";

/**
 * A GitHub Actions workflow as the cicd-gate decider needs it: its triggers (`on` as a string, a
 * list or a map, with each event's filters) and its jobs (needs, if, steps, reusable `uses`).
 * What GitHub would refuse to run (no `on`, no `jobs`, a job with neither steps nor uses, a
 * `needs` naming no job) is a problem with its place.
 */

export interface EventFilter {
  readonly branches?: readonly string[];
  readonly branchesIgnore?: readonly string[];
  readonly tags?: readonly string[];
  readonly tagsIgnore?: readonly string[];
  readonly paths?: readonly string[];
  readonly pathsIgnore?: readonly string[];
  readonly types?: readonly string[];
}

export interface Step {
  readonly place: DocumentPlace;
  readonly run?: string;
  readonly uses?: string;
  /** An action's `with` inputs that are strings (`arguments: build`). */
  readonly with?: Readonly<Record<string, string>>;
}

export interface Job {
  readonly id: string;
  readonly name?: string;
  readonly place: DocumentPlace;
  readonly needs: readonly string[];
  /** The `if:` as written (a boolean literal as its text). */
  readonly condition?: string;
  readonly steps: readonly Step[];
  /** A reusable workflow this job calls. */
  readonly uses?: string;
  /** A deployment environment (`environment: production` or `{ name: production }`). */
  readonly environment?: string;
}

export interface Workflow {
  readonly file: string;
  readonly place: DocumentPlace;
  /** Event name → its filters (an event without filters maps to an empty filter). */
  readonly on: ReadonlyMap<string, EventFilter>;
  readonly jobs: readonly Job[];
}

export type WorkflowReading =
  | { readonly ok: true; readonly workflow: Workflow }
  | { readonly ok: false; readonly problems: readonly DocumentFinding[] };

const FILTER_KEYS: Record<string, keyof EventFilter> = {
  branches: "branches",
  "branches-ignore": "branchesIgnore",
  tags: "tags",
  "tags-ignore": "tagsIgnore",
  paths: "paths",
  "paths-ignore": "pathsIgnore",
  types: "types",
};

/**
 * The other YAML files kept under .github (a glob over the whole folder picks them up), said
 * plainly rather than as a workflow missing `on` and `jobs`.
 */
const otherGitHubFile = (data: Record<string, unknown>): string | undefined => {
  if ("on" in data || "jobs" in data) return undefined;
  if (isRecord(data.runs)) return "an action's metadata (action.yml: runs)";
  if (Array.isArray(data.updates) && "version" in data) return "a Dependabot configuration (updates)";
  return undefined;
};

export const readWorkflow = (file: DocumentFile): WorkflowReading => {
  const reading = readSingleYaml(file);
  if (!reading.ok) return { ok: false, problems: [reading.finding] };
  const { data, placeOf } = reading.document;
  const problems: DocumentFinding[] = [];
  const problem = (path: (string | number)[], message: string) =>
    problems.push(failAt(placeOf(path), `invalid workflow: ${message}`));
  if (!isRecord(data)) {
    problem([], `expected a mapping at the top level, got ${kindOf(data)}`);
    return { ok: false, problems };
  }
  const other = otherGitHubFile(data);
  if (other) {
    problems.push(
      failAt(
        placeOf([]),
        `not a workflow: ${other}; documents.ciWorkflows should name only workflows (.github/workflows/*.yml)`,
      ),
    );
    return { ok: false, problems };
  }

  const on = new Map<string, EventFilter>();
  const trigger = data.on;
  const list = (value: unknown, path: (string | number)[]): string[] | undefined => {
    const items = typeof value === "string" ? [value] : value;
    if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) {
      problem(path, `expected a list of strings, got ${kindOf(value)}`);
      return undefined;
    }
    return items;
  };
  if (typeof trigger === "string") on.set(trigger, {});
  else if (Array.isArray(trigger)) for (const event of list(trigger, ["on"]) ?? []) on.set(event, {});
  else if (isRecord(trigger))
    for (const [event, settings] of Object.entries(trigger)) {
      const filter: Record<string, readonly string[]> = {};
      if (isRecord(settings))
        for (const [key, value] of Object.entries(settings)) {
          const field = FILTER_KEYS[key];
          if (!field) continue; // inputs, secrets, workflows, cron…: not filters of a ref
          const patterns = list(value, ["on", event, key]);
          if (patterns) filter[field] = patterns;
        }
      else if (settings !== null && !(event === "schedule" && Array.isArray(settings)))
        problem(["on", event], `on.${event}: expected a mapping of filters or nothing, got ${kindOf(settings)}`);
      if (filter.branches && filter.branchesIgnore)
        problem(["on", event], `on.${event}: use branches or branches-ignore, not both`);
      on.set(event, filter);
    }
  else
    problem(
      trigger === undefined ? [] : ["on"],
      trigger === undefined
        ? "no trigger (`on:` is missing)"
        : `on: expected an event, a list or a mapping, got ${kindOf(trigger)}`,
    );

  const jobs: Job[] = [];
  if (!isRecord(data.jobs) || Object.keys(data.jobs).length === 0)
    problem(
      data.jobs === undefined ? [] : ["jobs"],
      data.jobs === undefined ? "no jobs (`jobs:` is missing)" : "jobs: expected a mapping of job ids to jobs",
    );
  else
    for (const [id, job] of Object.entries(data.jobs)) {
      const at = ["jobs", id];
      if (!isRecord(job)) {
        problem(at, `job ${id}: expected a mapping, got ${kindOf(job)}`);
        continue;
      }
      const needs = job.needs === undefined ? [] : (list(job.needs, [...at, "needs"]) ?? []);
      const steps: Step[] = [];
      if (Array.isArray(job.steps))
        job.steps.forEach((step, index) => {
          if (!isRecord(step)) return;
          steps.push({
            place: placeOf([...at, "steps", index]),
            ...(typeof step.run === "string" ? { run: step.run } : {}),
            ...(typeof step.uses === "string" ? { uses: step.uses } : {}),
            ...(isRecord(step.with)
              ? {
                  with: Object.fromEntries(
                    Object.entries(step.with).filter(
                      (entry): entry is [string, string] => typeof entry[1] === "string",
                    ),
                  ),
                }
              : {}),
          });
        });
      const uses = typeof job.uses === "string" ? job.uses : undefined;
      if (steps.length === 0 && !uses) problem(at, `job ${id} has neither steps nor uses`);
      const environment =
        typeof job.environment === "string"
          ? job.environment
          : isRecord(job.environment) && typeof job.environment.name === "string"
            ? job.environment.name
            : undefined;
      jobs.push({
        id,
        place: placeOf(at),
        needs,
        steps,
        ...(typeof job.name === "string" ? { name: job.name } : {}),
        ...(job.if !== undefined && job.if !== null ? { condition: String(job.if) } : {}),
        ...(uses ? { uses } : {}),
        ...(environment ? { environment } : {}),
      });
    }
  const ids = new Set(jobs.map((job) => job.id));
  for (const job of jobs)
    for (const need of job.needs)
      if (!ids.has(need))
        problem(["jobs", job.id, "needs"], `job ${job.id} needs "${need}", which is not a job of this workflow`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, workflow: { file: file.path, place: placeOf([]), on, jobs } };
};
