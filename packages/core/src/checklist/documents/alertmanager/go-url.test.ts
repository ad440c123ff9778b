import { describe, expect, it } from "vitest";
import { urlProblem } from "./go-url";

describe("URL fields as Alertmanager reads them", () => {
  it("accepts http(s) URLs with a host, and <secret> where a secret URL is read", () => {
    for (const url of ["https://hooks.slack.com/services/T/B/x", "HTTP://h:8080/a%20b?q=1#f", "https://[::1]:9/x"])
      expect(urlProblem(url, false), url).toBeUndefined();
    expect(urlProblem("<secret>", true)).toBeUndefined();
    expect(urlProblem("<secret>", false)).toBe('unsupported scheme "" for URL');
  });

  it("refuses placeholders and malformed addresses with Go's words", () => {
    const placeholder = ["$", "{SLACK_WEBHOOK_URL}"].join(""); // a deploy-time placeholder, not a JS template
    expect(urlProblem(placeholder, true)).toBe('unsupported scheme "" for URL');
    expect(urlProblem("alert-bridge:9000/hook", true)).toBe('unsupported scheme "alert-bridge" for URL');
    expect(urlProblem("{{ op://vault/item }}", true)).toBe(
      'parse "{{ op://vault/item }}": first path segment in URL cannot contain colon',
    );
    expect(urlProblem("https://", false)).toBe("missing host for URL");
    expect(urlProblem("https://h:abc/x", false)).toBe('parse "https://h:abc/x": invalid port ":abc" after host');
    expect(urlProblem("https://h/%zz", false)).toBe('parse "https://h/%zz": invalid URL escape "%zz"');
    expect(urlProblem("://x", false)).toBe('parse "://x": missing protocol scheme');
    expect(urlProblem("https://{{ .Env }}/x", false)).toBe(
      'parse "https://{{ .Env }}/x": invalid character "{" in host name',
    );
    expect(urlProblem("https://h/\n", false)).toBe('parse "https://h/\\n": net/url: invalid control character in URL');
  });
});
