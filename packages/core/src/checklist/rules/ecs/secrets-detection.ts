/**
 * Pure detection of credentials in environment variables: by the variable's NAME (only when the
 * value is not trivially configuration), by known key FORMATS in the value, and by ENTROPY.
 * Descriptions never contain the value itself: they end up in reports and Config annotations.
 */
import type { UnknownValue } from "../../model/value";

export interface SecretDetectionOptions {
  /** Shannon entropy (bits per character) at or above which a long token-like value is a secret. */
  readonly entropyThreshold: number;
  /** Values shorter than this are never judged by entropy. */
  readonly minEntropyLength: number;
}

export interface SecretSignal {
  /** Stable detector id, for tests and machine-readable output. */
  readonly detector: string;
  /** Short description without the value: "name looks like a credential". */
  readonly description: string;
}

/**
 * Detects a credential in one environment variable; undefined when it looks like configuration.
 * A known key format is the most specific evidence, then a credential-like name, then entropy.
 */
export const detectEnvironmentSecret = (
  name: string,
  value: string,
  options: SecretDetectionOptions,
): SecretSignal | undefined =>
  detectKnownFormat(value) ??
  (isCredentialName(name) && !isTrivialValue(value)
    ? { detector: "credential-name", description: "name looks like a credential" }
    : detectHighEntropy(value, options));

/**
 * Detects a credential in a variable whose value is set at deploy time (a parameter without a
 * default, an SSM parameter, a NoEcho parameter). Whatever it will be, it is stored in plain text in
 * the task definition, where anyone allowed to describe it reads it: a value declared secret, or
 * one under a credential's name, is a credential there.
 */
export const detectDeployTimeSecret = (name: string, value: UnknownValue): SecretSignal | undefined => {
  if (value.origin.secret !== undefined)
    return {
      detector: "declared-secret",
      description: `value comes from ${value.origin.secret} and is stored in plain text in the task definition`,
    };
  if (isCredentialName(name))
    return {
      detector: "credential-name",
      description: `name looks like a credential; its value, set at deploy (${value.reason}), is stored in plain text in the task definition`,
    };
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// Names

/** Words that name a credential on their own. */
const CREDENTIAL_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "secrets",
  "token",
  "tokens",
  "credential",
  "credentials",
  "creds",
  "apikey",
  "apikeys",
  "accesskey",
  "privatekey",
  "secretkey",
  "auth",
  "dsn",
  "bearer",
]);

/** Two-word names of credentials ("API_KEY", "PRIVATE_KEY"…): "key" alone is too often a cache or object key. */
const CREDENTIAL_PAIRS = new Set([
  "api key",
  "access key",
  "private key",
  "secret key",
  "signing key",
  "encryption key",
  "master key",
  "session key",
  "license key",
  "account key",
  "client key",
  "auth key",
]);

/**
 * Words that make a credential-sounding name a setting ABOUT the credential rather than the
 * credential: TOKEN_TTL_SECONDS, PASSWORD_MIN_LENGTH, SECRET_ARN, AUTH_ENABLED, DB_PASSWORD_FILE.
 */
const SETTING_WORDS = new Set([
  "ttl",
  "expiry",
  "expires",
  "expiration",
  "lifetime",
  "duration",
  "timeout",
  "seconds",
  "secs",
  "sec",
  "minutes",
  "mins",
  "hours",
  "days",
  "ms",
  "millis",
  "length",
  "len",
  "size",
  "max",
  "min",
  "count",
  "limit",
  "url",
  "uri",
  "endpoint",
  "host",
  "hostname",
  "port",
  "issuer",
  "audience",
  "name",
  "arn",
  "id",
  "file",
  "path",
  "dir",
  "region",
  "type",
  "mode",
  "method",
  "provider",
  "strategy",
  "scheme",
  "enabled",
  "disabled",
  "enable",
  "disable",
  "required",
  "prefix",
  "field",
  "param",
  "policy",
  "rotation",
  "version",
  "algorithm",
  "alg",
  "format",
  "location",
  "ref",
  "kms",
]);

/** Splits DB_PASSWORD, dbPassword, APIKey, api-key and api.key into lower-case words. */
export const nameWords = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());

export const isCredentialName = (name: string): boolean => {
  const words = nameWords(name);
  if (words.some((word) => SETTING_WORDS.has(word))) return false;
  if (words.some((word) => CREDENTIAL_WORDS.has(word))) return true;
  for (let i = 0; i + 1 < words.length; i++) if (CREDENTIAL_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  return false;
};

// ---------------------------------------------------------------------------------------------
// Trivial values: what a credential-named variable may hold without being a credential

const BOOLEAN_LIKE = /^(true|false|yes|no|on|off|enabled?|disabled?|none|null|nil|undefined)$/i;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;
const DURATION = /^\d+(\.\d+)?\s*(ns|us|µs|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/i;
const ISO_DURATION = /^P(?=\d|T\d)(\d+[YMWD])*(T(\d+(\.\d+)?[HMS])+)?$/i;
const LOG_LEVEL = /^(trace|debug|info|notice|warn|warning|error|err|fatal|critical|crit|panic|silent|verbose|all)$/i;
const ARN = /^arn:aws[a-z-]*:/;

export const isTrivialValue = (value: string): boolean => {
  const text = value.trim();
  if (text === "") return true;
  if (BOOLEAN_LIKE.test(text) || NUMBER.test(text) || DURATION.test(text) || ISO_DURATION.test(text)) return true;
  if (LOG_LEVEL.test(text) || ARN.test(text)) return true;
  const url = urlCredentials(text);
  return url !== undefined && !url.password && url.queryCredential === undefined;
};

// ---------------------------------------------------------------------------------------------
// Values

interface FormatDetector {
  readonly detector: string;
  readonly description: string;
  readonly pattern: RegExp;
}

/** Known credential formats, most specific first. */
const FORMATS: readonly FormatDetector[] = [
  {
    detector: "private-key",
    description: "value is a private key (PEM)",
    pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/,
  },
  {
    detector: "aws-access-key-id",
    description: "value matches AWS access key id format",
    pattern: /(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/,
  },
  {
    detector: "github-token",
    description: "value matches GitHub token format",
    pattern: /(^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})/,
  },
  {
    detector: "slack-token",
    description: "value matches Slack token format",
    pattern: /(^|[^A-Za-z0-9])xox[bpas]-[A-Za-z0-9-]{10,}/,
  },
  {
    detector: "slack-webhook",
    description: "value is a Slack webhook URL",
    pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/,
  },
  {
    detector: "stripe-live-key",
    description: "value matches Stripe live key format",
    pattern: /(^|[^A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{10,}/,
  },
  {
    detector: "google-api-key",
    description: "value matches Google API key format",
    pattern: /(^|[^A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/,
  },
  {
    detector: "jwt",
    description: "value is a JWT",
    pattern: /(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/,
  },
  {
    detector: "authorization-header",
    description: "value carries an authorization header",
    // Scheme names are case-sensitive here and the token must hold a digit, so prose ("Basic authentication") is not a header.
    pattern: /(^|[\s,;=:])(Bearer|Basic)\s+(?=[^\s,;]*\d)[A-Za-z0-9._~+/-]{8,}=*/,
  },
  {
    detector: "authorization-header",
    description: "value carries an authorization header",
    pattern: /(^|[,;\s])(x-)?api-?key\s*[=:]\s*[^\s,;]{6,}/i,
  },
  {
    // CloudFormation resolves these into the task definition at deploy: the secret ends up in plain text.
    detector: "secret-dynamic-reference",
    description:
      "value is a secret resolved into the task definition at deploy ({{resolve:secretsmanager|ssm-secure}})",
    pattern: /\{\{resolve:(secretsmanager|ssm-secure):/,
  },
  {
    detector: "json-credential",
    description: "value is JSON with a credential field",
    pattern: /"(password|passwd|secret|token|api_?key|private_?key|client_secret)"\s*:\s*"[^"\s]+"/i,
  },
];

/** Detects a credential from the value alone, whatever the variable is called. */
export const detectSecretValue = (value: string, options: SecretDetectionOptions): SecretSignal | undefined =>
  detectKnownFormat(value) ?? detectHighEntropy(value, options);

/** Known key formats and credential-bearing URLs. */
export const detectKnownFormat = (value: string): SecretSignal | undefined => {
  const text = value.trim();
  if (text === "") return undefined;
  for (const format of FORMATS)
    if (format.pattern.test(text)) return { detector: format.detector, description: format.description };
  const credentials = findUrlCredentials(text);
  if (credentials?.password)
    return { detector: "connection-string-password", description: "value is a connection string with a password" };
  if (credentials?.queryCredential)
    return {
      detector: "url-query-credential",
      description: `value is a URL with a credential in its query (${credentials.queryCredential})`,
    };
  return undefined;
};

/**
 * Long token-like values with no recognisable structure and high Shannon entropy. JSON is judged by
 * its strings, one by one: a map of topic ARNs is structure, a random token inside it is not.
 */
export const detectHighEntropy = (value: string, options: SecretDetectionOptions): SecretSignal | undefined => {
  const text = value.trim();
  const leaves = jsonStrings(text);
  if (leaves) {
    for (const leaf of leaves) {
      const signal = detectHighEntropy(leaf, options);
      if (signal)
        return {
          detector: signal.detector,
          description: `value is JSON holding a string that ${signal.description.replace(/^value /, "")}`,
        };
    }
    return undefined;
  }
  if (text.length < options.minEntropyLength || isStructuredValue(text)) return undefined;
  const entropy = shannonEntropy(text);
  if (entropy < options.entropyThreshold) return undefined;
  return { detector: "high-entropy", description: `value has high entropy (${entropy.toFixed(1)} bits/char)` };
};

/** The string leaves (keys included) of a JSON object or array; undefined when the text is not one. */
const jsonStrings = (text: string): string[] | undefined => {
  if (!/^[[{]/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const strings: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string") strings.push(node);
    else if (Array.isArray(node)) for (const item of node) walk(item);
    else if (typeof node === "object" && node !== null)
      for (const [key, item] of Object.entries(node)) {
        strings.push(key);
        walk(item);
      }
  };
  walk(parsed);
  return strings;
};

/** Shannon entropy of the characters of a string, in bits per character. */
export const shannonEntropy = (text: string): number => {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...text].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
};

interface UrlCredentials {
  /** True when the userinfo carries a literal password (`scheme://user:pass@host`). */
  readonly password: boolean;
  /** Name of a query parameter that carries a credential (`?access_token=…`). */
  readonly queryCredential?: string;
}

const URL_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const URL_ANYWHERE = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
/** Placeholders filled in at run time are not literal passwords: ${DB_PASSWORD}, $PASS, {{pass}}, %s. */
const PLACEHOLDER = /^(\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|%s|\*+|x+|<[^>]*>)$/i;
const CREDENTIAL_QUERY =
  /^(password|passwd|pwd|secret|token|access_token|api_?key|apikey|key|sig|signature|x-amz-signature|auth|client_secret)$/i;

/** Credentials of a whole-value URL; undefined when the value is not a URL. */
const urlCredentials = (text: string): UrlCredentials | undefined =>
  URL_SHAPE.test(text) ? credentialsOfUrl(text) : undefined;

/** Credentials of the first credential-bearing URL inside a value (connection strings may be embedded). */
const findUrlCredentials = (text: string): UrlCredentials | undefined => {
  let found: UrlCredentials | undefined;
  for (const match of text.matchAll(URL_ANYWHERE)) {
    const credentials = credentialsOfUrl(match[0]);
    if (credentials.password) return credentials;
    if (credentials.queryCredential && !found) found = credentials;
  }
  return found;
};

const credentialsOfUrl = (url: string): UrlCredentials => {
  const rest = url.slice(url.indexOf("://") + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf("@");
  const userinfo = at < 0 ? "" : authority.slice(0, at);
  const colon = userinfo.indexOf(":");
  const password = colon < 0 ? "" : userinfo.slice(colon + 1);
  const query = rest.includes("?") ? rest.slice(rest.indexOf("?") + 1).split("#")[0] : "";
  const queryCredential = query
    .split("&")
    .map((pair) => pair.split("="))
    .find(([key, value]) => key && CREDENTIAL_QUERY.test(key) && value && !PLACEHOLDER.test(decodeSafe(value)))?.[0];
  return {
    password: password !== "" && !PLACEHOLDER.test(decodeSafe(password)),
    ...(queryCredential ? { queryCredential } : {}),
  };
};

const decodeSafe = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Values with a recognisable non-secret structure: their entropy says nothing about secrecy. */
const STRUCTURED: readonly RegExp[] = [
  /\s/, // prose, lists with spaces
  URL_SHAPE, // URLs (credential-bearing ones were caught above)
  ARN,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUID
  /^(0x)?[0-9a-f]+$/i, // hex digests, commit ids
  /^[A-Za-z][\w.-]*:[0-9a-f]{7,}$/i, // named digests: sha256:<hex>, git.commit.sha:<hex>
  // container images: lower-case repository path with a slash, optional registry, tag, digest
  /^([a-z0-9.-]+(:\d+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)+(:\w[\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
  /^[a-z0-9]+([._-][a-z0-9]+)*(:\w[\w.-]{0,127})?@sha256:[a-f0-9]{64}$/, // image pinned by digest, no slash
  /^(\/|\.\/|~\/)[\w.@-]*(\/[\w.@-]*)*$/, // file paths
  /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i, // e-mail addresses
  /^[a-z0-9_-]+(\.[a-z0-9_-]+)+(:\d+)?$/i, // host names, dotted identifiers (com.example.Main)
  /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-[A-Z0-9]{12,13}$/, // CloudFormation-generated physical names
  /^[A-Za-z_][\w.-]*=[^=,]+(,[A-Za-z_][\w.-]*=[^=,]*)*$/, // key=value lists (OTEL_RESOURCE_ATTRIBUTES)
  /^[\w.-]+(,[\w.-]+)+$/, // comma-separated identifiers
];

const isStructuredValue = (text: string): boolean => STRUCTURED.some((pattern) => pattern.test(text));
