import { describe, expect, it } from "vitest";
import { QUOTED_LINE_LENGTH, quotableLine, REDACTED, redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it.each([
    ["an AWS access key id", "using key AKIAIOSFODNN7EXAMPLE for s3", "AKIAIOSFODNN7EXAMPLE"],
    [
      "an AWS secret key",
      "aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ],
    ["a bearer token", "GET /tasks Authorization: Bearer abc123def456ghi789", "abc123def456ghi789"],
    ["a basic auth header", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="],
    ["password=…", "connecting with user=app password=hunter2 host=db", "hunter2"],
    ['a JSON "password"', '{"msg":"login","password":"correct horse battery"}', "correct horse battery"],
    ["a JSON api_key", '{"api_key":"k-123456","msg":"call"}', "k-123456"],
    [
      "a JWT",
      "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U seen",
      "eyJhbGciOiJIUzI1NiJ9",
    ],
    ["a connection string password", "db postgres://app:s3cr3tpw@db.internal:5432/tasks", "s3cr3tpw"],
    [
      "a GitHub token",
      "cloned with ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    ],
  ])("%s", (_name, line, secret) => {
    const redacted = redactSecrets(line);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it.each([
    "2026-12-06T16:00:00Z INFO task 42 completed in 12 ms",
    '{"level":"info","msg":"task completed","taskId":"t-1","durationMs":12}',
    "password reset email sent to user 42",
    "token_ttl_seconds=3600",
    "image sha256 4bf92f3577b34da6a3ce929d0e0e47364bf92f3577b34da6a3ce929d0e0e4736",
  ])("keeps a line without credentials: %s", (line) => {
    expect(redactSecrets(line)).toBe(line);
  });
});

describe("quotableLine", () => {
  it("cuts a long line after redacting it, and flattens line breaks", () => {
    const line = `password=${"x".repeat(300)}\nnext ${"y".repeat(400)}`;
    const quoted = quotableLine(line);
    expect(quoted.length).toBe(QUOTED_LINE_LENGTH);
    expect(quoted.startsWith(`password=${REDACTED} next`)).toBe(true);
    expect(quoted.endsWith("…")).toBe(true);
  });
});
