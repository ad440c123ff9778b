import { type Latency, latencyOf } from "./latency";
import type { SloDefinition, SloObjective } from "./model";
import { queriesOf } from "./read";

export interface ClassifiedObjective {
  readonly slo: string;
  readonly objective: SloObjective;
  readonly latency: Latency;
}

export interface SloObjectiveClasses {
  readonly all: readonly ClassifiedObjective[];
  /** A ratio (or names saying availability, uptime, success, error) that bounds no latency. */
  readonly availability: readonly ClassifiedObjective[];
  /** A latency objective whose names, descriptions or queries mention the submit keyword. */
  readonly submit: readonly ClassifiedObjective[];
}

const AVAILABILITY_WORDS = /availab|uptime|success|error/;

/**
 * Which objectives are availability objectives and which bound the submit latency
 * (docs/documents.md, slo-defined): one definition for the slo-defined decider and for the SLO a
 * load test is judged against.
 */
export const classifySloObjectives = (slos: readonly SloDefinition[], submitKeyword: string): SloObjectiveClasses => {
  const keyword = submitKeyword.toLowerCase();
  const all = slos.flatMap((slo) =>
    slo.objectives.map((objective) => ({ slo: slo.name, objective, latency: latencyOf(objective) })),
  );
  return {
    all,
    availability: all.filter(
      ({ objective, latency }) =>
        latency.kind === "none" && (objective.indicator.kind === "ratio" || AVAILABILITY_WORDS.test(objective.words)),
    ),
    submit: all.filter(({ objective, latency }) => latency.kind !== "none" && mentions(objective, keyword)),
  };
};

/** The keyword in the objective's names and descriptions, or in its queries (a route or handler label). */
const mentions = (objective: SloObjective, keyword: string): boolean =>
  objective.words.includes(keyword) || queriesOf(objective).some((q) => q.promql?.toLowerCase().includes(keyword));
