/** The report formats; a module of its own so the CLI can list them without loading the formatters. */
export const REPORT_FORMATS = ["table", "json", "markdown", "junit", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const isReportFormat = (value: string): value is ReportFormat =>
  (REPORT_FORMATS as readonly string[]).includes(value);
