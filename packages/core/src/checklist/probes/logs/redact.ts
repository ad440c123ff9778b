/*
 * A log line made safe to quote in a report or a Config annotation: credentials replaced by
 * `[REDACTED]`, the line cut to a readable length. It reuses no-env-secrets' detection of known key
 * formats (checklist/rules/ecs/secrets-detection.ts) on each token of the line, and its notion of
 * a credential's name for `name=value` and `"name": "value"` pairs; then the patterns a log line
 * has that an environment variable has not (an Authorization header's scheme and token, an AWS
 * secret key after its name).
 */
import { detectKnownFormat, isCredentialName } from "../../rules/ecs/secrets-detection";

export const REDACTED = "[REDACTED]";
/** How much of a line a reason quotes. */
export const QUOTED_LINE_LENGTH = 200;

/** `"password": "…"`, `password=…`, `token: …`: a credential's name, then its value. */
const NAMED_VALUE = /("?)([A-Za-z][A-Za-z0-9_.-]{1,40})\1(\s*[=:]\s*)("([^"\\]|\\.)*"|[^\s,;&"'}]+)/g;
/** An Authorization header's scheme and token ("Bearer eyJ…", "Basic dXNlcjpwYXNz"). */
const AUTHORIZATION = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** An AWS secret access key: 40 base64 characters (the access key id is a known format). */
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** Candidate tokens for the known formats: runs without separators (a JWT's dots, a key's dashes kept). */
const TOKEN = /[^\s"'<>(){}[\],;|`]{8,}/g;

const redactNamedValues = (line: string): string =>
  line.replace(NAMED_VALUE, (whole, quote: string, name: string, separator: string, value: string) => {
    if (!isCredentialName(name)) return whole;
    const quoted = value.startsWith('"');
    const inner = quoted ? value.slice(1, -1) : value;
    if (inner === "" || /^(null|none|true|false)$/i.test(inner)) return whole;
    return `${quote}${name}${quote}${separator}${quoted ? `"${REDACTED}"` : REDACTED}`;
  });

const redactKnownFormats = (line: string): string =>
  line.replace(TOKEN, (token) => (detectKnownFormat(token) ? REDACTED : token));

/** Only a 40-character run with a mix of cases and digits: a hex digest or a word run is not a key. */
const redactAwsSecretKeys = (line: string): string =>
  line.replace(AWS_SECRET_KEY, (token) =>
    /[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9]/.test(token) ? REDACTED : token,
  );

/** The line with its credentials replaced by [REDACTED]. */
export const redactSecrets = (line: string): string =>
  redactAwsSecretKeys(redactKnownFormats(redactNamedValues(line.replace(AUTHORIZATION, `$1 ${REDACTED}`))));

/** A line as a reason quotes it: one line, credentials redacted, cut to QUOTED_LINE_LENGTH characters. */
export const quotableLine = (line: string, length = QUOTED_LINE_LENGTH): string => {
  const flat = redactSecrets(line.replace(/\s*[\r\n]+\s*/g, " ").trim());
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
};
