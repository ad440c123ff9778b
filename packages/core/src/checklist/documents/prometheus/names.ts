/**
 * Prometheus's name rules (prometheus/common `model`, as promtool 2.42 applies them): a label or
 * annotation name is `[a-zA-Z_][a-zA-Z0-9_]*`, a metric name may also hold colons. Written as the
 * character loops Prometheus itself uses.
 */
const isLetterOrUnderscore = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const COLON = 58;

export const isValidLabelName = (name: string): boolean => {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!(isLetterOrUnderscore(c) || (i > 0 && isDigit(c)))) return false;
  }
  return true;
};

export const isValidMetricName = (name: string): boolean => {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!(isLetterOrUnderscore(c) || c === COLON || (i > 0 && isDigit(c)))) return false;
  }
  return true;
};

/** The reserved label that holds the metric name: a rule may not set it. */
export const METRIC_NAME_LABEL = "__name__";
