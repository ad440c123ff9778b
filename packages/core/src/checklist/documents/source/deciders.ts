import { decideAlertRouting, type RequiredAlert } from "../alertmanager/index";
import { decideCicdGate } from "../ci/decide";
import { decideCostEstimate } from "../cost/decide";
import { decideFailureModesAlerted } from "../failure-modes/failure-modes-alerted";
import { decideOncall } from "../oncall/decide";
import { decideAlertsDefined } from "../prometheus/alerts-defined";
import { alertingRules } from "../prometheus/rule-set";
import { decideSloRecordingRules } from "../prometheus/slo-recording-rules";
import { decideRollbackRunbook } from "../runbooks/rollback-runbook";
import { decideRunbooks } from "../runbooks/runbooks";
import { decideSloDefined } from "../slo/decide";
import { sloIndicatorSeries } from "../slo/indicators";
import { type DocumentVerdict, verdictOf } from "../types";
import type { DocumentSet } from "./document-set";
import type { DocumentDecider, DocumentRun } from "./run";

/**
 * Each document item's decider over a DocumentSet: which keys it reads and which decider judges
 * them (checklist/documents/<format>/). A key that is set but matches no file, or a file that
 * cannot be read, fails the item naming the key and the file, before the decider's own findings.
 * Declared per item in its catalogue entry (`sources.document`), never branched on in the engine.
 */
type FileKey = Parameters<DocumentSet["files"]>[0];

const withProblems =
  (keys: readonly FileKey[], decide: (set: DocumentSet, run: DocumentRun) => DocumentVerdict): DocumentDecider =>
  (set, run) => {
    const problems = set.problemsOf(keys);
    const verdict = decide(set, run);
    if (problems.length === 0) return { verdict };
    return { verdict: verdictOf([...problems, ...verdict.findings], verdict.reason) };
  };

const files = (set: DocumentSet, key: FileKey) => set.files(key).files;
const one = (set: DocumentSet, key: FileKey) => set.configured(key)?.files[0];
const ruleInput = (set: DocumentSet) => {
  const ruleSet = set.ruleSet();
  return { ruleFiles: files(set, "prometheusRules"), ...(ruleSet ? { ruleSet } : {}) };
};

export const sloDefined = withProblems(["slo"], (set, run) =>
  decideSloDefined({ files: files(set, "slo"), params: run.params as never }),
);

export const failureModesAlerted = withProblems(["failureModes", "prometheusRules"], (set) => {
  const manifest = one(set, "failureModes");
  return decideFailureModesAlerted({ ...(manifest ? { failureModes: manifest } : {}), ...ruleInput(set) });
});

export const alertsDefined = withProblems(["prometheusRules"], (set, run) =>
  decideAlertsDefined(ruleInput(set), { requiredAlerts: run.params.requiredAlerts as readonly string[] }),
);

export const sloRecordingRules = withProblems(["slo", "prometheusRules", "dashboards"], (set) =>
  decideSloRecordingRules({
    ...(set.configured("slo") ? { slos: sloIndicatorSeries(files(set, "slo")) } : {}),
    ...ruleInput(set),
    dashboards: files(set, "dashboards"),
    ...(files(set, "dashboards").length > 0 ? { readDashboards: set.dashboards() } : {}),
  }),
);

export const runbooks = withProblems(["prometheusRules", "runbooks"], (set, run) => {
  const library = set.runbookLibrary();
  return decideRunbooks(
    { ...ruleInput(set), ...(library ? { runbooks: library } : {}) },
    { topAlerts: run.params.topAlerts as number, requiredSections: run.runbookSections },
  );
});

/**
 * alert-routing routes the alerting rules of the alerts-defined item's required alerts that exist
 * (a missing one is alerts-defined's finding), with the services' one owning team when they name it.
 */
/**
 * alert-routing routes the alerting rules of the alerts-defined item's required alerts that exist
 * (a missing one is alerts-defined's finding). Services that name their owning team are routed as
 * that team: with several teams sharing the documents, each team is decided on its own and its
 * services carry its verdict.
 */
export const alertRouting: DocumentDecider = (set, run) => {
  const problems = set.problemsOf(["alertmanager", "prometheusRules"]);
  const withProblemsOf = (verdict: DocumentVerdict): DocumentVerdict =>
    problems.length ? verdictOf([...problems, ...verdict.findings], verdict.reason) : verdict;
  const ruleSet = set.ruleSet();
  if (!ruleSet)
    return {
      verdict: withProblemsOf(
        verdictOf(
          [
            {
              status: "unknown",
              reason: "no Prometheus rule files configured (documents.prometheusRules): no alert to route",
            },
          ],
          "",
        ),
      ),
    };
  const required = new Set(run.requiredAlerts);
  const alerts: RequiredAlert[] = alertingRules(ruleSet)
    .filter((rule) => required.has(rule.alert!))
    .map((rule) => ({ name: rule.alert!, labels: rule.labels, ...(rule.place ? { place: rule.place } : {}) }));
  const alertmanager = one(set, "alertmanager");
  const route = (team: string | undefined) =>
    withProblemsOf(
      decideAlertRouting({ ...(alertmanager ? { alertmanager } : {}), alerts, ...(team ? { team } : {}) }),
    );
  const teams = [...new Set(run.services.map((s) => s.team))];
  if (teams.length <= 1) return { verdict: route(teams[0]) };
  const byTeam = new Map(teams.map((team) => [team, route(team)]));
  const label = (team: string | undefined) => (team ? `team ${team}` : "services without a team");
  const findings = [...byTeam].flatMap(([team, verdict]) =>
    verdict.status === "pass"
      ? [{ status: "pass" as const, reason: `${label(team)}: ${verdict.reason}` }]
      : verdict.findings
          .filter((f) => f.status === verdict.status)
          .map((f) => ({ ...f, reason: `${label(team)}: ${f.reason}` })),
  );
  return {
    verdict: verdictOf(
      findings,
      `every team's required alerts reach its receiver (${teams.filter(Boolean).join(", ")})`,
    ),
    resources: run.services.map((service) => {
      const verdict = byTeam.get(service.team)!;
      return {
        resource: service.resource,
        status: verdict.status,
        reason:
          verdict.status === "pass"
            ? verdict.reason
            : verdict.findings
                .filter((f) => f.status === verdict.status)
                .map((f) => f.reason)
                .join("; "),
      };
    }),
  };
};

export const cicdGate = withProblems(["ciWorkflows"], (set, run) =>
  decideCicdGate({ workflows: files(set, "ciWorkflows"), params: run.params as never }),
);

export const rollbackRunbook = withProblems(["runbooks"], (set, run) => {
  const library = set.runbookLibrary();
  return decideRollbackRunbook(library ? { runbooks: library } : {}, { requiredSections: run.runbookSections });
});

export const oncall = withProblems(["oncall"], (set, run) => {
  const file = one(set, "oncall");
  return decideOncall({
    ...(file ? { file } : {}),
    ...(run.launchDate ? { launchDate: run.launchDate } : {}),
    now: run.now,
  });
});

export const costEstimate: DocumentDecider = (set, run) => {
  const problems = set.problemsOf(["costEstimate"]);
  const configured = set.configured("costEstimate");
  if (configured && configured.files.length === 0)
    return {
      verdict: verdictOf(
        problems.map((problem) => ({
          ...problem,
          reason: `${problem.reason}; write it with \`readiness cost (--template FILE | --live) --output FILE.json\``,
        })),
        "",
      ),
    };
  if (configured && !run.origin)
    return {
      verdict: verdictOf(
        [
          {
            status: "unknown",
            reason:
              "this run cannot tell which template or account it reads (no ARN carries an account), so no estimate can be matched to it",
          },
        ],
        "",
      ),
    };
  const verdict = decideCostEstimate({
    files: files(set, "costEstimate"),
    source: run.origin ?? { kind: "template", digest: "" },
    params: run.params as { validityDays: number },
    now: run.now,
  });
  return { verdict: problems.length ? verdictOf([...problems, ...verdict.findings], verdict.reason) : verdict };
};

export { goldenSignals } from "./golden-signals";
