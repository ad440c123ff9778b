/**
 * Alert severities, most urgent first: how "the top alerts" are ranked. Common vocabularies
 * (PagerDuty's critical/error/warning/info, page/ticket, high/medium/low) are merged; a value not
 * listed ranks after every listed one.
 */
export const SEVERITY_ORDER = [
  "critical",
  "page",
  "high",
  "error",
  "major",
  "warning",
  "ticket",
  "medium",
  "minor",
  "low",
  "info",
  "none",
];

export const severityRank = (severity: string | undefined): number => {
  const index = SEVERITY_ORDER.indexOf((severity ?? "").trim().toLowerCase());
  return index < 0 ? SEVERITY_ORDER.length : index;
};
