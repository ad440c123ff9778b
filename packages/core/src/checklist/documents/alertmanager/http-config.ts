import type { YamlPath } from "../located-yaml/located-yaml";
import type { ConfigProblem } from "./notifier-checks";

/**
 * `http_config` (global and per notifier) as Alertmanager 0.25 reads it (prometheus/common's
 * HTTPClientConfig: its fields, then `Validate`, which stops at the first problem), with amtool's
 * messages: one way to authenticate, a secret inline or from a file but not both, what OAuth2
 * needs. Fields later versions added are accepted.
 */
const FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  http_config: new Set([
    "authorization",
    "basic_auth",
    "oauth2",
    "bearer_token",
    "bearer_token_file",
    "tls_config",
    "proxy_url",
    "proxy_connect_header",
    "follow_redirects",
    "enable_http2",
    // Newer than 0.25.
    "no_proxy",
    "proxy_from_environment",
    "http_headers",
  ]),
  authorization: new Set(["type", "credentials", "credentials_file"]),
  basic_auth: new Set(["username", "password", "password_file", "username_file"]),
  oauth2: new Set([
    "client_id",
    "client_secret",
    "client_secret_file",
    "scopes",
    "token_url",
    "endpoint_params",
    "tls_config",
    "proxy_url",
    "no_proxy",
    "proxy_from_environment",
    "proxy_connect_header",
  ]),
  tls_config: new Set([
    "ca_file",
    "cert_file",
    "key_file",
    "server_name",
    "insecure_skip_verify",
    "min_version",
    "max_version",
    "ca",
    "cert",
    "key",
  ]),
};

type Data = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Data =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== "";

const unknownFields = (data: Data, type: string, at: YamlPath): ConfigProblem[] => {
  const problems: ConfigProblem[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (!FIELDS[type]!.has(field))
      problems.push({ at: [...at, field], message: `field ${field} not found in ${type}` });
    else if (FIELDS[field] && isRecord(value)) problems.push(...unknownFields(value, field, [...at, field]));
  }
  return problems;
};

/** HTTPClientConfig.Validate: the first problem, as Go returns it. */
const validationProblem = (c: Data): string | undefined => {
  const bearer = isSet(c.bearer_token) || isSet(c.bearer_token_file);
  const basic = isRecord(c.basic_auth) ? c.basic_auth : c.basic_auth ? {} : undefined;
  const oauth2 = isRecord(c.oauth2) ? c.oauth2 : c.oauth2 ? {} : undefined;
  const authorization = isRecord(c.authorization) ? c.authorization : c.authorization ? {} : undefined;
  if (isSet(c.bearer_token) && isSet(c.bearer_token_file))
    return "at most one of bearer_token & bearer_token_file must be configured";
  if ((basic || oauth2) && bearer)
    return "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured";
  if (basic && isSet(basic.password) && isSet(basic.password_file))
    return "at most one of basic_auth password & password_file must be configured";
  if (authorization) {
    if (bearer) return "authorization is not compatible with bearer_token & bearer_token_file";
    if (isSet(authorization.credentials) && isSet(authorization.credentials_file))
      return "at most one of authorization credentials & credentials_file must be configured";
    if (
      String(authorization.type ?? "")
        .trim()
        .toLowerCase() === "basic"
    )
      return 'authorization type cannot be set to "basic", use "basic_auth" instead';
    if (basic || oauth2) return "at most one of basic_auth, oauth2 & authorization must be configured";
  }
  if (oauth2) {
    if (basic) return "at most one of basic_auth, oauth2 & authorization must be configured";
    if (!isSet(oauth2.client_id)) return "oauth2 client_id must be configured";
    if (!isSet(oauth2.client_secret) && !isSet(oauth2.client_secret_file))
      return "either oauth2 client_secret or client_secret_file must be configured";
    if (!isSet(oauth2.token_url)) return "oauth2 token_url must be configured";
    if (isSet(oauth2.client_secret) && isSet(oauth2.client_secret_file))
      return "at most one of oauth2 client_secret & client_secret_file must be configured";
  }
  if (isRecord(c.proxy_connect_header) && Object.keys(c.proxy_connect_header).length > 0 && !isSet(c.proxy_url))
    return "if proxy_connect_header is configured proxy_url must also be configured";
  return undefined;
};

export const checkHttpConfig = (value: unknown, at: YamlPath): ConfigProblem[] => {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) return [{ at, message: "http_config: expected a mapping" }];
  const unknown = unknownFields(value, "http_config", at);
  if (unknown.length > 0) return unknown;
  const problem = validationProblem(value);
  return problem ? [{ at, message: problem }] : [];
};
