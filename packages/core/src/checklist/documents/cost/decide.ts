import type { ParsedEstimateDocument } from "../../cost/document";
import { COST_SERVICE_TITLES, COST_SERVICES } from "../../cost/prices";
import {
  type DocumentFile,
  type DocumentFinding,
  type DocumentPlace,
  type DocumentVerdict,
  describePlace,
  verdictOf,
} from "../types";
import { readEstimate } from "./read-estimate";

/** What the run being judged reads: an estimate counts only when it was made from the same. */
export type EstimateSource =
  | { readonly kind: "template"; readonly digest: string }
  | { readonly kind: "live"; readonly accountId: string; readonly region: string };

export interface CostEstimateInput {
  /** The files `documents.costEstimate` matched (a glob may match several). */
  readonly files: readonly DocumentFile[];
  /** The template run's digest (checklist/cost/digest.ts), or the live run's account and region. */
  readonly source: EstimateSource;
  /** The item's parameters (`rules.cost-estimate` in readiness.yml). */
  readonly params: { readonly validityDays: number };
  readonly now: Date;
  /** The configured `documents.costEstimate`, when it is configured but matched no file. */
  readonly configured?: string;
}

const DAY_MS = 86_400_000;
/** Clocks of CI runners and laptops differ a little; an estimate made "in the future" by less is not. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Given the team's cost estimates and what this run reads,
 * Then pass when one estimate covers ECS Fargate, DynamoDB, SQS, ALB and CloudWatch, was made from
 * the same template (same content digest) or the same account and region, and is at most
 * `validityDays` old; fail, naming the file and line, when none does or a file cannot be read;
 * unknown when no estimate is configured. Of several estimates of this source, the newest decides.
 */
export const decideCostEstimate = (input: CostEstimateInput): DocumentVerdict => {
  if (input.files.length === 0)
    return input.configured === undefined
      ? verdictOf(
          [
            {
              status: "unknown",
              reason: "needs document: no cost estimate configured (documents.costEstimate in readiness.yml)",
            },
          ],
          "",
        )
      : verdictOf(
          [
            {
              status: "fail",
              reason: `${input.configured}: no such file; write it with \`readiness cost ... --output ${input.configured}\``,
              place: { file: input.configured },
            },
          ],
          "",
        );
  const unreadable: DocumentFinding[] = [];
  const estimates: {
    file: DocumentFile;
    document: ParsedEstimateDocument;
    placeOf: (path: readonly PropertyKey[]) => DocumentPlace;
  }[] = [];
  for (const file of input.files) {
    const read = readEstimate(file);
    if (read.ok) estimates.push({ file, document: read.document, placeOf: read.placeOf });
    else unreadable.push(...read.findings);
  }
  const matching = estimates.filter((estimate) => sameSource(estimate.document, input.source));
  if (matching.length === 0) {
    const mismatches = estimates.map(({ document, placeOf }): DocumentFinding => {
      const place = placeOf(["madeFrom"]);
      return {
        status: "fail",
        reason: `${describePlace(place)}: made from ${describeSource(document.madeFrom)}, but this run reads ${describeSource(input.source)}; make a new estimate with \`readiness cost\``,
        place,
        subject: "madeFrom",
      };
    });
    return verdictOf([...unreadable, ...mismatches], "");
  }
  const newest = matching.reduce((a, b) =>
    Date.parse(b.document.createdAt) > Date.parse(a.document.createdAt) ? b : a,
  );
  return verdictOf([...unreadable, ...judge(newest, input)], passReason(newest.file, newest.document, input));
};

const judge = (
  estimate: {
    file: DocumentFile;
    document: ParsedEstimateDocument;
    placeOf: (path: readonly PropertyKey[]) => DocumentPlace;
  },
  input: CostEstimateInput,
): DocumentFinding[] => {
  const { document, placeOf } = estimate;
  const findings: DocumentFinding[] = [];
  const missing = COST_SERVICES.filter(
    (service) => !document.lines.some((line) => line.service === service) || document.totals[service] === undefined,
  );
  if (missing.length > 0) {
    const place = placeOf(["lines"]);
    findings.push({
      status: "fail",
      reason: `${describePlace(place)}: the estimate does not cover ${missing.map((s) => COST_SERVICE_TITLES[s]).join(", ")} (it needs lines and a total for each of ${COST_SERVICES.map((s) => COST_SERVICE_TITLES[s]).join(", ")})`,
      place,
      subject: "coverage",
    });
  }
  const ageMs = input.now.getTime() - Date.parse(document.createdAt);
  const created = placeOf(["createdAt"]);
  if (ageMs < -CLOCK_SKEW_MS)
    findings.push({
      status: "fail",
      reason: `${describePlace(created)}: createdAt ${document.createdAt} is in the future`,
      place: created,
      subject: "age",
    });
  else if (ageMs > input.params.validityDays * DAY_MS)
    findings.push({
      status: "fail",
      reason: `${describePlace(created)}: the estimate is ${days(ageMs)} old (made ${document.createdAt.slice(0, 10)}), older than validityDays ${input.params.validityDays}; make a new one with \`readiness cost\``,
      place: created,
      subject: "age",
    });
  if (findings.length === 0)
    findings.push({
      status: "pass",
      reason: passReason(estimate.file, document, input),
      place: { file: estimate.file.path },
    });
  return findings;
};

const passReason = (file: DocumentFile, document: ParsedEstimateDocument, input: CostEstimateInput): string =>
  `${file.path}: $${document.total.toFixed(2)} a month for the five services, made from ${describeSource(document.madeFrom)}, ${days(Math.max(0, input.now.getTime() - Date.parse(document.createdAt)))} old (valid ${input.params.validityDays} days)`;

const sameSource = (document: ParsedEstimateDocument, source: EstimateSource): boolean => {
  const made = document.madeFrom;
  if (made.kind === "template" && source.kind === "template") return made.digest === source.digest;
  if (made.kind === "live" && source.kind === "live")
    return made.accountId === source.accountId && made.region === source.region;
  return false;
};

const describeSource = (source: ParsedEstimateDocument["madeFrom"] | EstimateSource): string =>
  source.kind === "template"
    ? `the template ${source.digest.slice(0, "sha256:".length + 12)}…`
    : `account ${source.accountId} in ${source.region}`;

const days = (ms: number): string => {
  const count = Math.floor(ms / DAY_MS);
  return `${count} day${count === 1 ? "" : "s"}`;
};
