import * as z from "../../kernel/validation/zod";

/**
 * Where a team's documents are (issue 10): readiness.yml's `documents`, at the top level and per
 * service (a service's value for a key replaces the top level's). Paths are relative to the
 * folder of the readiness.yml file and accept globs (`monitoring/rules/*.yaml`). The key names are
 * fixed: other tooling writes them.
 */
const pathOrGlobs = z.union([
  z.string().check(z.minLength(1)),
  z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
]);

const httpUrl = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "expected an http or https URL, e.g. https://runbooks.example.com/"),
);

export const DOCUMENT_KEYS = [
  "slo",
  "failureModes",
  "prometheusRules",
  "alertmanager",
  "dashboards",
  "runbooks",
  "runbookBaseUrl",
  "ciWorkflows",
  "oncall",
  "costEstimate",
] as const;
export type DocumentKey = (typeof DOCUMENT_KEYS)[number];

export const documentsSchema = z.strictObject({
  /** OpenSLO v1 or Sloth (prometheus/v1) SLO files. */
  slo: z.optional(pathOrGlobs),
  /** The architecture review's failure modes: a YAML list of `id`, `description`, `alerts`. */
  failureModes: z.optional(pathOrGlobs),
  /** Prometheus rule files (alerting and recording rules). */
  prometheusRules: z.optional(pathOrGlobs),
  /** The Alertmanager configuration file. */
  alertmanager: z.optional(pathOrGlobs),
  /** Grafana dashboard JSON files. */
  dashboards: z.optional(pathOrGlobs),
  /** The runbooks folder (Markdown), or globs of runbook files. */
  runbooks: z.optional(pathOrGlobs),
  /** URL prefix under which the runbooks folder is published (runbook_url values resolve through it). */
  runbookBaseUrl: z.optional(httpUrl),
  /** GitHub Actions workflow files. */
  ciWorkflows: z.optional(pathOrGlobs),
  /** A PagerDuty schedule (REST API JSON) or readiness's own rotation YAML. */
  oncall: z.optional(pathOrGlobs),
  /** The cost estimate `readiness cost --output` writes (JSON). */
  costEstimate: z.optional(pathOrGlobs),
});

export type DocumentPaths = z.output<typeof documentsSchema>;

const isCalendarDate = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** `launchDate`: the launch day, YYYY-MM-DD (a day of the on-call schedule's time zone). */
export const launchDateSchema = z
  .string()
  .check(z.refine(isCalendarDate, "expected a date as YYYY-MM-DD, e.g. 2026-12-15"));

/** `services[].team`, `services[].metricsJob`: non-empty names. */
export const nameSchema = z.string().check(z.minLength(1));

/** The JSON Schema descriptions of the document keys (zod mini keeps comments out of JSON Schema). */
export const DOCUMENT_KEY_DESCRIPTIONS: Readonly<Record<DocumentKey, string>> = {
  slo: "SLO files: OpenSLO v1 or Sloth prometheus/v1 (slo-defined, slo-recording-rules).",
  failureModes:
    "The architecture review's failure modes: a YAML list of id, description, alerts (failure-modes-alerted).",
  prometheusRules:
    "Prometheus rule files (alerts-defined, runbooks, failure-modes-alerted, slo-recording-rules, golden-signals).",
  alertmanager: "The Alertmanager configuration file (alert-routing).",
  dashboards: "Grafana dashboard JSON files (slo-recording-rules, golden-signals).",
  runbooks: "The runbooks folder (Markdown), or globs of runbook files (runbooks, rollback-tested).",
  runbookBaseUrl:
    "Optional: the URL prefix that maps to the runbooks folder (runbook_url values under it resolve there).",
  ciWorkflows: "GitHub Actions workflow files (cicd-gate).",
  oncall: "A PagerDuty schedule as its REST API returns it, or readiness's rotation YAML (oncall).",
  costEstimate: "The cost estimate `readiness cost --output` writes (cost-estimate).",
};

/** A service's documents: its own keys over the top level's (a key given on the service replaces it whole). */
export const documentsOfService = (
  top: DocumentPaths | undefined,
  service: { readonly documents?: DocumentPaths } | undefined,
): DocumentPaths => ({ ...(top ?? {}), ...(service?.documents ?? {}) });

/** Whether any document is configured at all (top level or on a service). */
export const hasDocuments = (config: {
  readonly documents?: DocumentPaths;
  readonly services: readonly { readonly documents?: DocumentPaths }[];
}): boolean =>
  [config.documents, ...config.services.map((s) => s.documents)].some(
    (paths) => paths !== undefined && Object.values(paths).some((value) => value !== undefined),
  );
