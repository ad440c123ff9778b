import type { CheckReport, ItemResult } from "../engine/engine";
import type { Finding } from "../model/finding";
import { bySection, findingsWithStatus } from "./summary";
import { attributes, escapeXml } from "./xml";

/**
 * JUnit XML for CI test reporters: one <testsuite> per section, one <testcase> per item
 * (classname = section), <failure> listing the offending resources, <skipped> with the reason an
 * item could not be decided.
 */
export const formatJunit = (report: CheckReport): string => {
  const suites = bySection(report).map(([section, items]) => suiteXml(section, items));
  const totals = counts(report.items);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: `readiness: ${report.source}${report.scope ? ` (scope: ${report.scope.description})` : ""}`, tests: report.items.length, failures: totals.fail, errors: 0, skipped: totals.unknown })}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
};

const counts = (items: readonly ItemResult[]) => ({
  fail: items.filter((i) => i.status === "fail").length,
  unknown: items.filter((i) => i.status === "unknown").length,
});

const suiteXml = (section: string, items: readonly ItemResult[]): string => {
  const totals = counts(items);
  const head = `  <testsuite${attributes({ name: section, tests: items.length, failures: totals.fail, errors: 0, skipped: totals.unknown })}>`;
  return [head, ...items.map((item) => caseXml(section, item)), "  </testsuite>"].join("\n");
};

const caseXml = (section: string, item: ItemResult): string => {
  const open = `    <testcase${attributes({ classname: section, name: `${item.id}: ${item.title}` })}`;
  if (item.status === "pass") return `${open}/>`;
  if (item.status === "unknown") {
    const detail = [item.summary, ...findingsWithStatus(item).map(findingText)].join("\n");
    return `${open}>\n      <skipped${attributes({ message: item.summary })}>${escapeXml(detail)}</skipped>\n    </testcase>`;
  }
  const body = [...findingsWithStatus(item).map(findingText), `fix: ${item.remediation}`].join("\n");
  return `${open}>\n      <failure${attributes({ message: item.summary, type: item.severity })}>${escapeXml(body)}</failure>\n    </testcase>`;
};

const findingText = (finding: Finding): string => {
  const where = finding.location?.file
    ? ` at ${finding.location.file}${finding.location.line ? `:${finding.location.line}` : ""}`
    : "";
  return `${finding.resource} (${finding.type})${where}: ${finding.reason}`;
};
