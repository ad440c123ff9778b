import type { PartDecision } from "../../engine/item-evaluation";
import type { Finding } from "../../model/finding";
import { type DocumentFinding, type DocumentVerdict, describePlace } from "../types";
import type { DocumentDecision } from "./run";

/*
 * A document decider's answer as the engine takes it: a PartDecision that applies to the item (a
 * document is about the service as a whole), or, for a decider that judges resources
 * (golden-signals), one finding per resource.
 */

/** A finding's reason with its place in front, when the reason does not already name the file. */
const placed = (finding: DocumentFinding): string =>
  finding.place && !finding.reason.includes(finding.place.file)
    ? `${describePlace(finding.place)}: ${finding.reason}`
    : finding.reason;

/** The verdict in one line: the findings of its status, each naming its file and line. */
const reasonOf = (verdict: DocumentVerdict): string => {
  if (verdict.status === "pass") return verdict.reason;
  const shown = verdict.findings.filter((f) => f.status === verdict.status);
  return shown.length ? shown.map(placed).join("; ") : verdict.reason;
};

const documentFinding = (finding: DocumentFinding): Finding => ({
  resource: finding.place?.file ?? "documents",
  type: "Document",
  status: finding.status,
  reason: placed(finding),
  kind: "document",
  ...(finding.place
    ? {
        location: {
          file: finding.place.file,
          ...(finding.place.line ? { line: finding.place.line } : {}),
          ...(finding.place.column ? { column: finding.place.column } : {}),
        },
      }
    : {}),
});

/** One decision for every subject: the item's document part as the documents decide it. */
export const itemDecision = (decision: DocumentDecision): PartDecision => {
  const { verdict } = decision;
  if (decision.resources && decision.resources.length > 0)
    return {
      status: verdict.status,
      reason: reasonOf(verdict),
      findings: decision.resources.map((outcome) => ({
        resource: outcome.resource.id,
        type: outcome.resource.type,
        status: outcome.status,
        reason: outcome.reason,
        kind: "document",
      })),
      ...(decision.weighsConfig ? { weighsConfig: true } : {}),
      ...(decision.queueDepth || decision.serviceSignals
        ? {
            published: {
              ...(decision.queueDepth ? { queueDepth: decision.queueDepth } : {}),
              ...(decision.serviceSignals ? { serviceSignals: decision.serviceSignals } : {}),
            },
          }
        : {}),
    };
  return {
    status: verdict.status,
    reason: reasonOf(verdict),
    appliesTo: "item",
    // Findings with a place are listed under the item (and located in SARIF); the others are in the reason.
    findings: verdict.findings.filter((f) => f.place).map(documentFinding),
  };
};
