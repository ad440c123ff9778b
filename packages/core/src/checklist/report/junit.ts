import type { CheckReport, ItemResult } from "../engine/engine";
import type { Finding } from "../model/finding";
import type { InputNotes } from "../model/input";
import { MISSING_NESTED_HINT, missingNestedText, samResourceText } from "./input-notes";
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
  const input = inputSuite(report.input);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: `readiness: ${report.source}${report.scope ? ` (scope: ${report.scope.description})` : ""}`, tests: report.items.length + input.tests, failures: totals.fail + input.failures, errors: 0, skipped: totals.unknown + input.skipped })}>`,
    ...input.xml,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
};

/**
 * An "Input" suite when the template check has something to say about its input: one testcase per
 * nested stack not read (a failure, or skipped once accepted), the SAM resources expanded as properties.
 */
const inputSuite = (notes: InputNotes | undefined) => {
  const none = { xml: [] as string[], tests: 0, failures: 0, skipped: 0 };
  if (!notes || (notes.missingNestedStacks.length === 0 && notes.samResources.length === 0)) return none;
  const tests = notes.missingNestedStacks.length;
  const failures = notes.missingNestedAllowed ? 0 : tests;
  const skipped = tests - failures;
  const cases = notes.missingNestedStacks.map((missing) => {
    const open = `    <testcase${attributes({ classname: "Input", name: `nested stack ${missing.resource}` })}>`;
    const text = missingNestedText(missing);
    const verdict = notes.missingNestedAllowed
      ? `<skipped${attributes({ message: "not read (accepted with --allow-missing-nested)" })}>${escapeXml(text)}</skipped>`
      : `<failure${attributes({ message: "not read", type: "incomplete" })}>${escapeXml(`${text}\nfix: ${MISSING_NESTED_HINT}`)}</failure>`;
    return `${open}\n      ${verdict}\n    </testcase>`;
  });
  const properties =
    notes.samResources.length === 0
      ? []
      : [
          "    <properties>",
          ...notes.samResources.map(
            (sam) => `      <property${attributes({ name: `sam: ${sam.resource}`, value: samResourceText(sam) })}/>`,
          ),
          "    </properties>",
        ];
  const head = `  <testsuite${attributes({ name: "Input", tests, failures, errors: 0, skipped })}>`;
  return { xml: [head, ...properties, ...cases, "  </testsuite>"], tests, failures, skipped };
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
