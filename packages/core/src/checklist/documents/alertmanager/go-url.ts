/**
 * Alertmanager's URL fields as it reads them (config.URL and config.SecretURL, Go's `url.Parse`
 * then an http(s) scheme and a host): an address kept as a placeholder for a deploy step to fill
 * (`${SLACK_WEBHOOK_URL}`, `{{ op://vault/slack }}`, `SLACK_WEBHOOK`) is refused, as Alertmanager
 * refuses to load it. Returns amtool's message, or undefined for a valid URL.
 */
export const urlProblem = (text: string, secret: boolean): string | undefined => {
  // SecretURL: what `amtool config show` prints in place of a secret URL reads back as valid.
  if (secret && text === "<secret>") return undefined;
  const parsed = goParseUrl(text);
  if (typeof parsed === "string") return `parse ${JSON.stringify(text)}: ${parsed}`;
  if (parsed.scheme !== "http" && parsed.scheme !== "https")
    return `unsupported scheme ${JSON.stringify(parsed.scheme)} for URL`;
  if (parsed.host === "") return "missing host for URL";
  return undefined;
};

/** The parts of Go's net/url `Parse` that decide whether it fails, and the scheme and host it finds. */
const goParseUrl = (text: string): { scheme: string; host: string } | string => {
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return "net/url: invalid control character in URL";
  const withoutFragment = text.split("#")[0]!;
  const badEscape = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(withoutFragment);
  if (badEscape) return `invalid URL escape ${JSON.stringify(`%${badEscape[1]}`)}`;
  let rest = withoutFragment;
  let scheme = "";
  const schemeEnd = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(rest);
  if (rest.startsWith(":")) return "missing protocol scheme";
  if (schemeEnd) {
    scheme = schemeEnd[0].slice(0, -1).toLowerCase();
    rest = rest.slice(schemeEnd[0].length);
  }
  rest = rest.split("?")[0]!;
  if (scheme === "" && !rest.startsWith("/") && rest.split("/")[0]!.includes(":"))
    return "first path segment in URL cannot contain colon";
  if (!rest.startsWith("//")) return { scheme, host: "" };
  const authority = rest.slice(2).split("/")[0]!;
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  // Go's parseHost: characters a host may not hold unescaped.
  const badHostCharacter = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.exec(host);
  if (badHostCharacter) return `invalid character ${JSON.stringify(badHostCharacter[0])} in host name`;
  const port = /^(?:\[[^\]]*\]|[^:]*)(:.*)?$/.exec(host)?.[1];
  if (port !== undefined && !/^:[0-9]*$/.test(port)) return `invalid port ${JSON.stringify(port)} after host`;
  return { scheme, host };
};
