import type { CheckReport, ItemResult } from "../engine/engine";
import type { ScopeSummary } from "../engine/scope";
import type { Finding } from "../model/finding";
import type { InputNotes } from "../model/input";
import { countStatuses } from "./summary";

/** Version of the JSON contract (docs/json-format.md). Bump on any incompatible change. */
export const JSON_SCHEMA_VERSION = 1;

/** The JSON report as a plain object: the stable contract documented in docs/json-format.md. */
export const toJsonReport = (report: CheckReport) => ({
  schemaVersion: JSON_SCHEMA_VERSION,
  source: report.source,
  ...(report.scope ? { scope: scopeJson(report.scope) } : {}),
  ...(report.input ? { input: inputJson(report.input) } : {}),
  summary: countStatuses(report),
  items: report.items.map(itemJson),
});

export type JsonReport = ReturnType<typeof toJsonReport>;

export const formatJson = (report: CheckReport): string => `${JSON.stringify(toJsonReport(report), null, 2)}\n`;

const inputJson = (notes: InputNotes) => ({
  complete: notes.missingNestedStacks.length === 0,
  missingNestedStacks: notes.missingNestedStacks.map((missing) => ({
    resource: missing.resource,
    templateUrl: missing.templateUrl,
    reason: missing.reason,
    location: { ...missing.location },
  })),
  missingNestedAllowed: notes.missingNestedAllowed,
  samResources: notes.samResources.map((sam) => ({
    resource: sam.resource,
    type: sam.type,
    expandedTo: [...sam.expandedTo],
    notModelled: [...sam.notModelled],
    location: { ...sam.location },
  })),
});

export const scopeJson = (scope: ScopeSummary) => ({
  kind: scope.kind,
  description: scope.description,
  clusters: [...scope.clusters],
  services: [...scope.services],
  roles: scope.roles.map((note) => ({
    service: note.service,
    role: note.role ?? null,
    source: note.source ?? null,
    evidence: note.evidence ?? null,
  })),
});

const itemJson = (item: ItemResult) => ({
  id: item.id,
  section: item.section,
  title: item.title,
  status: item.status,
  summary: item.summary,
  kinds: [...item.kinds],
  severity: item.severity,
  remediation: item.remediation,
  parts: item.parts.map((p) => ({ kind: p.kind, status: p.status, reason: p.reason })),
  findings: item.findings.map(findingJson),
});

const findingJson = (finding: Finding) => ({
  resource: finding.resource,
  type: finding.type,
  status: finding.status,
  reason: finding.reason,
  kind: finding.kind,
  ...(finding.location ? { location: { ...finding.location } } : {}),
});
