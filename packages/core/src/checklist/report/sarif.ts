import { isAbsolute, relative, sep } from "node:path";
import { CHECKLIST, type ChecklistItem, type Severity } from "../catalogue/items";
import type { CheckReport, ItemResult } from "../engine/engine";
import type { Finding } from "../model/finding";
import { type InputNotes, isIncomplete } from "../model/input";
import { missingNestedText, samResourceText } from "./input-notes";
import { scopeJson } from "./json";

export interface SarifOptions {
  /** Template paths in locations are made relative to this directory (default: the cwd). */
  readonly baseDir?: string;
  readonly toolVersion?: string;
  /** The template the run checked: the location of item-level results that have no finding of their own. */
  readonly artifact?: string;
}

type Level = "error" | "warning" | "note";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A failure's level follows the item's severity; an undecided item or resource is a note. */
const FAIL_LEVEL: Record<Severity, Level> = { critical: "error", high: "error", medium: "warning", low: "warning" };

/**
 * SARIF 2.1.0 for code scanning: the checklist items are the rules, every failed or undecided finding is a
 * result located at its resource in the template (physical) and by logical id (logical). An item
 * that fails or is unknown without any finding (e.g. missing evidence) gets one item-level result.
 */
export const toSarif = (report: CheckReport, options: SarifOptions = {}) => {
  const uri = uriMaker(options.baseDir ?? process.cwd());
  const ruleIndex = new Map(CHECKLIST.map((item, index) => [item.id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "readiness",
            version: options.toolVersion ?? "0.1.0",
            rules: CHECKLIST.map(ruleOf),
          },
        },
        results: report.items.flatMap((item) => resultsOf(item, ruleIndex.get(item.id) ?? -1, uri, options.artifact)),
        ...(report.input ? { invocations: [invocationOf(report.input, uri)] } : {}),
        properties: {
          source: report.source,
          ...(report.scope ? { scope: report.scope.description, roles: scopeJson(report.scope).roles } : {}),
          ...(report.input?.samResources.length
            ? { samResources: report.input.samResources.map(samResourceText) }
            : {}),
        },
      },
    ],
  };
};

/** Compact JSON: SARIF is read by tools, and a 10,000-finding log is half the size and twice as fast to write without indentation. */
export const formatSarif = (report: CheckReport, options: SarifOptions = {}): string =>
  `${JSON.stringify(toSarif(report, options))}\n`;

const ruleOf = (item: ChecklistItem) => ({
  id: item.id,
  name: pascalCase(item.id),
  shortDescription: { text: item.title },
  fullDescription: { text: item.decidedBy },
  help: { text: item.remediation },
  defaultConfiguration: { level: FAIL_LEVEL[item.severity] },
  properties: { tags: [item.section, ...item.kinds], severity: item.severity },
});

type Uri = (file: string) => string;

const resultsOf = (item: ItemResult, ruleIndex: number, uri: Uri, artifact?: string) => {
  if (item.status === "pass") return [];
  const level = (status: "fail" | "unknown"): Level => (status === "fail" ? FAIL_LEVEL[item.severity] : "note");
  const findings = item.findings.filter((f) => f.status !== "pass");
  const decisive = findings.filter((f) => f.status === item.status);
  const results = findings.map((finding) => ({
    ruleId: item.id,
    ruleIndex,
    level: level(finding.status as "fail" | "unknown"),
    message: { text: `${finding.resource} (${finding.type}): ${finding.reason}` },
    locations: [locationOf(finding, uri)],
    properties: { status: finding.status, kind: finding.kind },
  }));
  if (decisive.length > 0) return results;
  // Nothing on a resource explains the item's status (evidence, documents): report the item itself.
  const itemResult = {
    ruleId: item.id,
    ruleIndex,
    level: level(item.status),
    message: { text: `${item.title}: ${item.summary}` },
    locations: artifact ? [{ physicalLocation: { artifactLocation: { uri: uri(artifact) } } }] : [],
    properties: { status: item.status, kind: item.kinds.join("+") },
  };
  return [...results, itemResult];
};

/**
 * The run's invocation: a nested stack whose template was not read is a tool execution
 * notification (error, or warning once accepted) at the stack's place, and makes the execution
 * unsuccessful unless accepted: the results do not cover the whole input.
 */
const invocationOf = (notes: InputNotes, uri: Uri) => ({
  executionSuccessful: !isIncomplete(notes),
  toolExecutionNotifications: notes.missingNestedStacks.map((missing) => {
    const { file, line, column } = missing.location;
    return {
      level: notes.missingNestedAllowed ? "warning" : "error",
      message: { text: missingNestedText(missing) },
      ...(file
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(file) },
                  ...(line ? { region: { startLine: line, ...(column ? { startColumn: column } : {}) } } : {}),
                },
              },
            ],
          }
        : {}),
      properties: { resource: missing.resource, templateUrl: missing.templateUrl },
    };
  }),
});

const locationOf = (finding: Finding, uri: Uri) => {
  const logical = {
    logicalLocations: [
      { name: finding.resource, kind: "resource", fullyQualifiedName: `${finding.type}/${finding.resource}` },
    ],
  };
  const { file, line, column } = finding.location ?? {};
  // Live sources put an endpoint where templates put a file, and never a line: only a line makes a physical place.
  if (!file || !line) return logical;
  const region = { startLine: line, ...(column ? { startColumn: column } : {}) };
  return { physicalLocation: { artifactLocation: { uri: uri(file) }, region }, ...logical };
};

/** Relative URIs with forward slashes (consumers resolve them against the repository root), one computation per file. */
const uriMaker = (baseDir: string): Uri => {
  const cache = new Map<string, string>();
  return (file) => {
    let uri = cache.get(file);
    if (uri === undefined) {
      const path = isAbsolute(file) ? relative(baseDir, file) : file;
      uri = path.split(sep).join("/").split("/").map(encodeURIComponent).join("/");
      cache.set(file, uri);
    }
    return uri;
  };
};

const pascalCase = (id: string): string =>
  id
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
