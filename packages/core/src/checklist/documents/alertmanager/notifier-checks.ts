import type { YamlPath } from "../located-yaml/located-yaml";
import { parseDuration } from "../prometheus/duration";
import { urlProblem } from "./go-url";
import { checkHttpConfig } from "./http-config";

/**
 * What Alertmanager 0.25 checks in `global` and in each notifier when it loads its configuration
 * (config.go and notifiers.go: each notifier's UnmarshalYAML, then the defaults `global` must
 * supply), with amtool's messages. These make real configurations fail that route correctly:
 * a URL kept as a placeholder for a deploy step (`api_url: ${SLACK_WEBHOOK_URL}`), a Slack
 * receiver without any API URL, an email receiver without a smarthost or sender. Fields newer
 * than 0.25 (up to 0.28, as the notifier lists) are accepted.
 */
export interface ConfigProblem {
  readonly at: YamlPath;
  readonly message: string;
}

type Data = Readonly<Record<string, unknown>>;

const GLOBAL_FIELDS = new Set([
  "resolve_timeout",
  "http_config",
  "smtp_from",
  "smtp_hello",
  "smtp_smarthost",
  "smtp_auth_username",
  "smtp_auth_password",
  "smtp_auth_password_file",
  "smtp_auth_secret",
  "smtp_auth_identity",
  "smtp_require_tls",
  "slack_api_url",
  "slack_api_url_file",
  "pagerduty_url",
  "opsgenie_api_key",
  "opsgenie_api_key_file",
  "opsgenie_api_url",
  "wechat_api_url",
  "wechat_api_secret",
  "wechat_api_corp_id",
  "victorops_api_url",
  "victorops_api_key",
  "victorops_api_key_file",
  "telegram_api_url",
  "webex_api_url",
  // Newer than 0.25 (up to 0.28).
  "smtp_tls_config",
  "smtp_force_implicit_tls",
  "smtp_auth_secret_file",
  "jira_api_url",
  "rocketchat_api_url",
  "rocketchat_token",
  "rocketchat_token_file",
  "rocketchat_token_id",
  "rocketchat_token_id_file",
]);

/** URL fields: `true` for SecretURL (which also reads `<secret>`), `false` for URL. */
const GLOBAL_URLS: Readonly<Record<string, boolean>> = {
  slack_api_url: true,
  pagerduty_url: false,
  opsgenie_api_url: false,
  wechat_api_url: false,
  victorops_api_url: false,
  telegram_api_url: false,
  webex_api_url: false,
  jira_api_url: false,
  rocketchat_api_url: false,
};

const NOTIFIER_URLS: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  slack_configs: { api_url: true },
  webhook_configs: { url: true },
  pagerduty_configs: { url: false },
  opsgenie_configs: { api_url: false },
  victorops_configs: { api_url: false },
  wechat_configs: { api_url: false },
  telegram_configs: { api_url: false },
  discord_configs: { webhook_url: true },
  webex_configs: { api_url: false },
  msteams_configs: { webhook_url: true },
  msteamsv2_configs: { webhook_url: true },
  rocketchat_configs: { api_url: false },
  jira_configs: { api_url: false },
  incidentio_configs: { url: true },
};

/** `${SLACK_URL}`, `{{ op://vault/item }}`, `SLACK_WEBHOOK`: text a templating step replaces. */
const PLACEHOLDER = /\$\{|\{\{|^\$?[A-Z][A-Z0-9_]*$/;

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== "";
const isRecord = (value: unknown): value is Data =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Go's net.SplitHostPort, as Alertmanager reads `smarthost`: host:port. */
const hostPortProblem = (text: string): string | undefined => {
  const bracketed = /^\[[^\]]*\](:.*)?$/.exec(text);
  const colons = (text.match(/:/g) ?? []).length;
  if (bracketed ? bracketed[1] === undefined : colons === 0) return `address ${text}: missing port in address`;
  if (!bracketed && colons > 1) return `address ${text}: too many colons in address`;
  return undefined;
};

const urlChecks = (data: Data, urls: Readonly<Record<string, boolean>>, at: YamlPath): ConfigProblem[] =>
  Object.entries(urls).flatMap(([field, secret]) => {
    const value = data[field];
    if (value === undefined || value === null) return [];
    const text = String(value);
    const problem = urlProblem(text, secret);
    if (!problem) return [];
    const placeholder = PLACEHOLDER.test(text);
    const hint = placeholder
      ? ` (${field}: ${JSON.stringify(value)} looks like a placeholder for a deploy step to fill: Alertmanager reads the file as written)`
      : "";
    // amtool quotes the whole URL in a parse error (Go's url.Error); a secret URL (a Slack webhook's
    // path is its credential) is never printed: it is shown as <secret>, as `amtool config show` does.
    const shown = secret && !placeholder ? problem.replace(JSON.stringify(text), '"<secret>"') : problem;
    return [{ at: [...at, field], message: `${shown}${hint}` }];
  });

export const checkGlobal = (global: unknown): ConfigProblem[] => {
  if (global === undefined || global === null) return [];
  if (!isRecord(global)) return [{ at: ["global"], message: "global: expected a mapping" }];
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(global))
    if (!GLOBAL_FIELDS.has(key)) problems.push({ at: ["global", key], message: `field ${key} not found in global` });
  problems.push(...urlChecks(global, GLOBAL_URLS, ["global"]));
  problems.push(...checkHttpConfig(global.http_config, ["global", "http_config"]));
  if (global.resolve_timeout !== undefined && global.resolve_timeout !== null) {
    const parsed = parseDuration(String(global.resolve_timeout));
    if (!parsed.ok) problems.push({ at: ["global", "resolve_timeout"], message: parsed.error });
  }
  if (isSet(global.smtp_smarthost)) {
    const problem = hostPortProblem(String(global.smtp_smarthost));
    if (problem) problems.push({ at: ["global", "smtp_smarthost"], message: problem });
  }
  return problems;
};

/**
 * The fields of each notifier Alertmanager 0.25 has (each checked against amtool 0.25), and the
 * few later versions added (marked), as Alertmanager's strict YAML reading refuses any other: a
 * misspelt or misplaced field (`webhook_url` in a Slack config, `email:` for `to:`) is refused.
 * Notifiers 0.25 does not have (msteams, jira, rocketchat, …) are not checked field by field.
 */
const SHARED = "send_resolved http_config";
const NOTIFIER_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries({
    slack_configs:
      "api_url api_url_file channel icon_emoji icon_url link_names username actions callback_id color fallback fields footer mrkdwn_in pretext short_fields text title title_link image_url thumb_url",
    email_configs:
      "to from hello smarthost auth_username auth_password auth_password_file auth_secret auth_identity headers html text require_tls tls_config auth_secret_file threading force_implicit_tls",
    pagerduty_configs:
      "routing_key routing_key_file service_key service_key_file url client client_url description severity source details images links component group class",
    opsgenie_configs:
      "api_key api_key_file api_url message description source details responders tags note priority update_alerts entity actions",
    victorops_configs:
      "api_key api_key_file api_url routing_key message_type entity_display_name state_message monitoring_tool custom_fields",
    webhook_configs: "url max_alerts url_file timeout",
    pushover_configs:
      "user_key token title message url url_title sound priority retry expire html user_key_file token_file device ttl monospace",
    wechat_configs: "api_secret api_url corp_id message message_type agent_id to_user to_party to_tag",
    telegram_configs:
      "api_url bot_token chat_id message disable_notifications parse_mode bot_token_file message_thread_id",
    sns_configs: "api_url sigv4 topic_arn subject phone_number target_arn message attributes",
    discord_configs: "webhook_url title message webhook_url_file content username avatar_url",
    webex_configs: "api_url room_id message",
  }).map(([kind, fields]) => [kind, new Set(`${SHARED} ${fields}`.split(" "))]),
);

const OPSGENIE_RESPONDER_TYPES = /^(team|teams|user|escalation|schedule)$/;
const TELEGRAM_PARSE_MODES = new Set(["", "Markdown", "MarkdownV2", "HTML"]);

/** The checks of one notifier kind: what it must have, itself or from `global`. */
const REQUIRED: Readonly<Record<string, (config: Data, global: Data) => string[]>> = {
  slack_configs: (c, g) =>
    isSet(c.api_url) || isSet(c.api_url_file) || isSet(g.slack_api_url) || isSet(g.slack_api_url_file)
      ? []
      : ["no global Slack API URL set either inline or in a file"],
  email_configs: (c, g) => [
    ...(isSet(c.to) ? [] : ["missing to address in email config"]),
    ...(isSet(c.smarthost) || isSet(g.smtp_smarthost) ? [] : ["no global SMTP smarthost set"]),
    ...(isSet(c.smarthost) ? [hostPortProblem(String(c.smarthost))].filter((p): p is string => !!p) : []),
    ...(isSet(c.from) || isSet(g.smtp_from) ? [] : ["no global SMTP from set"]),
  ],
  pagerduty_configs: (c) =>
    isSet(c.routing_key) || isSet(c.service_key) || isSet(c.routing_key_file) || isSet(c.service_key_file)
      ? []
      : ["missing service or routing key in PagerDuty config"],
  opsgenie_configs: (c, g) => [
    ...(isSet(c.api_key) || isSet(c.api_key_file) || isSet(g.opsgenie_api_key) || isSet(g.opsgenie_api_key_file)
      ? []
      : ["no global OpsGenie API Key set either inline or in a file"]),
    ...(Array.isArray(c.responders) ? c.responders : []).flatMap((responder: unknown, index: number) => {
      const r = isRecord(responder) ? responder : {};
      if (!isSet(r.id) && !isSet(r.name) && !isSet(r.username))
        return [`opsGenieConfig responder ${index + 1} has to have at least one of id, username or name specified`];
      // A templated type is checked when the notification is sent.
      if (typeof r.type === "string" && !r.type.includes("{{") && !OPSGENIE_RESPONDER_TYPES.test(r.type))
        return [
          `opsGenieConfig responder ${index + 1} type ${JSON.stringify(r.type)} does not match valid options ^(team|teams|user|escalation|schedule)$`,
        ];
      return [];
    }),
  ],
  victorops_configs: (c, g) => [
    ...(isSet(c.routing_key) ? [] : ["missing Routing key in VictorOps config"]),
    ...(isSet(c.api_key) || isSet(c.api_key_file) || isSet(g.victorops_api_key) || isSet(g.victorops_api_key_file)
      ? []
      : ["no global VictorOps API Key set"]),
  ],
  webhook_configs: (c) => (isSet(c.url) || isSet(c.url_file) ? [] : ["missing URL in webhook config"]),
  pushover_configs: (c) => [
    ...(isSet(c.user_key) || isSet(c.user_key_file) ? [] : ["missing user key in Pushover config"]),
    ...(isSet(c.token) || isSet(c.token_file) ? [] : ["missing token in Pushover config"]),
  ],
  wechat_configs: (c, g) => [
    ...(isSet(c.api_secret) || isSet(g.wechat_api_secret) ? [] : ["no global Wechat ApiSecret set"]),
    ...(isSet(c.corp_id) || isSet(g.wechat_api_corp_id) ? [] : ["no global Wechat CorpID set"]),
  ],
  telegram_configs: (c) => [
    ...(isSet(c.bot_token) || isSet(c.bot_token_file) ? [] : ["missing bot_token on telegram_config"]),
    ...(isSet(c.chat_id) && c.chat_id !== 0 ? [] : ["missing chat_id on telegram_config"]),
    ...(c.parse_mode === undefined || c.parse_mode === null || TELEGRAM_PARSE_MODES.has(String(c.parse_mode))
      ? []
      : ["unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string"]),
  ],
  sns_configs: (c) =>
    // Go's chained != over three booleans, as Alertmanager writes it.
    (!isSet(c.target_arn) !== !isSet(c.topic_arn)) !== !isSet(c.phone_number)
      ? ["must provide either a Target ARN, Topic ARN, or Phone Number for SNS config"]
      : [],
  discord_configs: (c) =>
    isSet(c.webhook_url) || isSet(c.webhook_url_file) ? [] : ["no discord webhook URL provided"],
  webex_configs: (c) => [
    ...(isRecord(c.http_config) && isSet(c.http_config.authorization)
      ? []
      : ["missing webex_configs.http_config.authorization"]),
    ...(isSet(c.room_id) ? [] : ["missing room_id on webex_config"]),
  ],
};

/** One entry of a receiver's `<kind>_configs` list. */
export const checkNotifier = (kind: string, config: unknown, global: unknown, at: YamlPath): ConfigProblem[] => {
  if (!isRecord(config))
    return [{ at, message: `${kind}: expected a mapping, got ${config === null ? "nothing" : typeof config}` }];
  const globals = isRecord(global) ? global : {};
  const known = NOTIFIER_FIELDS[kind];
  const unknown = known
    ? Object.keys(config)
        .filter((field) => !known.has(field))
        .map((field) => ({ at: [...at, field], message: `field ${field} not found in ${kind.replace(/s$/, "")}` }))
    : [];
  return [
    ...unknown,
    ...checkHttpConfig(config.http_config, [...at, "http_config"]),
    ...urlChecks(config, NOTIFIER_URLS[kind] ?? {}, at),
    ...(REQUIRED[kind]?.(config, globals) ?? []).map((message) => ({ at, message })),
  ];
};
