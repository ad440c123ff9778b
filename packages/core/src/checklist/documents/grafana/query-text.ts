/**
 * A Grafana panel query is PromQL with Grafana's variables in it. Range variables
 * (`$__rate_interval`, `$__interval`, `$__range`, in `$name` or `${name}` form) stand where a
 * duration must be, so they are replaced by one before parsing; other variables sit inside label
 * values (`job="$job"`) and parse as they are.
 */
const RANGE_VARIABLES = new Set(["__rate_interval", "__interval", "__range", "__auto"]);
const STAND_IN = "5m";

const isNameChar = (c: string | undefined): boolean =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_");

export const grafanaQueryAsPromql = (query: string): string => {
  if (!query.includes("$")) return query;
  let out = "";
  let i = 0;
  while (i < query.length) {
    const dollar = query.indexOf("$", i);
    if (dollar < 0) break;
    out += query.slice(i, dollar);
    let name: string;
    let end: number;
    if (query[dollar + 1] === "{") {
      const close = query.indexOf("}", dollar);
      end = close < 0 ? query.length : close + 1;
      name = query.slice(dollar + 2, close < 0 ? query.length : close).split(":")[0];
    } else {
      end = dollar + 1;
      while (isNameChar(query[end])) end++;
      name = query.slice(dollar + 1, end);
    }
    out += RANGE_VARIABLES.has(name) ? STAND_IN : query.slice(dollar, end);
    i = end;
  }
  return out + query.slice(i);
};

/** A label value that is (or holds) a Grafana variable stands for whatever the viewer picks. */
export const isGrafanaVariable = (value: string): boolean => value.includes("$") || value.includes("[[");
