import type { CheckReport } from "../engine/engine";
import type { ReportFormat } from "./formats";
import { formatJson } from "./json";
import { formatJunit } from "./junit";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatTable } from "./table";

export interface FormatOptions {
  /** table: ANSI colours. */
  readonly color?: boolean;
  /** sarif: directory locations are relative to. */
  readonly baseDir?: string;
  /** sarif: the checked template, for item-level results. */
  readonly artifact?: string;
  readonly toolVersion?: string;
}

/** Renders a check report in one of the five formats. */
export const formatReport = (report: CheckReport, format: ReportFormat, options: FormatOptions = {}): string => {
  switch (format) {
    case "table":
      return formatTable(report, { color: options.color });
    case "json":
      return formatJson(report);
    case "markdown":
      return formatMarkdown(report);
    case "junit":
      return formatJunit(report);
    case "sarif":
      return formatSarif(report, options);
  }
};

export { isReportFormat, REPORT_FORMATS, type ReportFormat } from "./formats";
export { formatJson, toJsonReport, JSON_SCHEMA_VERSION, type JsonReport } from "./json";
export { formatJunit } from "./junit";
export { formatMarkdown } from "./markdown";
export { formatSarif, toSarif, type SarifOptions } from "./sarif";
export { countStatuses, summaryLine, type StatusCounts } from "./summary";
export { formatTable, type TableOptions } from "./table";
