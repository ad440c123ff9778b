import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readAlertmanagerConfig } from "./config";
import { generateAlertmanagerConfig, generateLabelSets } from "@readiness/devkit/fixtures/alertmanager-tree";
import { matchRoutes, receiversOf } from "./route-tree";

/**
 * readiness's routing simulation against Alertmanager's own: `amtool config routes test` (Debian's
 * prometheus-alertmanager, which .ci/run installs) must name the same receivers, in the same order,
 * for every label set. This test never skips: without amtool it fails and names the package.
 */

const run = promisify(execFile);
const AMTOOL = process.env.AMTOOL ?? "amtool";
const FIXTURES = join(import.meta.dirname, "fixtures");

type Case = { readonly config: string; readonly labels: Readonly<Record<string, string>> };

const FIXTURE_CASES: Record<string, readonly Record<string, string>[]> = {
  "teams.yml": [
    { alertname: "HighErrorRate", team: "payments", severity: "critical", env: "prod" },
    { alertname: "HighErrorRate", team: "payments", severity: "critical", env: "staging" },
    { alertname: "QueueDepthHigh", team: "payments", severity: "warning" },
    { alertname: "Other", team: "payments", severity: "warning" },
    { alertname: "HighLatencyP99", team: "orders", service: "api", severity: "page" },
    { alertname: "HighLatencyP99", team: "orders", service: "dlq" },
    { alertname: "ScrapeTargetDown", team: "shipping" },
    { alertname: "ScrapeTargetDown", team: "search", severity: "critical" },
    { alertname: "ScrapeTargetDown" },
    { alertname: "Paging", severity: "critical" },
  ],
  "regexes.yml": [
    { v: "a\rb" },
    { v: "a\nb" },
    { v: "a\u2028b" },
    { v: "a\u00a0b" },
    { v: "a\u000bb" },
    { v: "a b" },
    { v: "]x]" },
    { v: "x{,3}" },
    { v: "q.e" },
    { v: "qxe" },
    { v: "UPPER" },
    { v: "hash#" },
    { v: "éa9" },
    { v: "12z" },
    { v: "AB" },
    { v: "a, b", w: "d" },
    { v: "a, b", w: "e" },
    { v: "sp ace" },
    { v: "sp ace", w: "x" },
    { v: 'quote"inside' },
    { v: "not\u00a0" },
    { v: "anch" },
    { v: "part" },
    { v: "partial" },
  ],
  "anchors.yml": [
    { service: "postgres" },
    { service: "postgres", severity: "warning" },
    { severity: "warning" },
    { tier: "cache" },
    { tier: "cache", region: "eu-west-1" },
    { region: "eu-west-1" },
    { tier: "db", region: "eu-west-1" },
    { service: "postgres", tier: "cache", region: "eu-north-1" },
  ],
  "nested.yml": [
    { env: "prod", region: "eu-west-1", tier: "gold" },
    { env: "prod", region: "eu-west-1", tier: "bronze" },
    { env: "prod", region: "eu-west-1", tier: "silver" },
    { env: "prod", region: "eu-central-1", owner: "x" },
    { env: "prod", region: "us-east-1" },
    { env: "prod", region: "ap-south-1" },
    { env: "prod", region: "ap-south-1", owner: "team" },
    { region: "eu-west-1" },
    { env: "dev" },
    { env: "test" },
  ],
};

/** A label as amtool reads it on its command line: name="value", quoted and escaped. */
const labelArgument = (name: string, value: string): string =>
  `${name}="${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;

const amtoolReceivers = async (configFile: string, labels: Readonly<Record<string, string>>): Promise<string> => {
  const args = ["config", "routes", "test", `--config.file=${configFile}`];
  for (const [name, value] of Object.entries(labels)) args.push(labelArgument(name, value));
  const { stdout } = await run(AMTOOL, args);
  return stdout.trim();
};

/** Fails the test (never skips it) when amtool is not there, naming the package that brings it. */
let amtoolChecked: Promise<void> | undefined;
const requireAmtool = (): Promise<void> => {
  amtoolChecked ??= run(AMTOOL, ["--version"]).then(
    () => undefined,
    (error: Error) => {
      throw new Error(
        `amtool is not installed (${error.message}): install Debian's prometheus-alertmanager package (apt-get install prometheus-alertmanager; .ci/run does), or point AMTOOL at an amtool 0.25 binary`,
      );
    },
  );
  return amtoolChecked;
};

const simulatedReceivers = (text: string, path: string, labels: Readonly<Record<string, string>>): string => {
  const reading = readAlertmanagerConfig({ path, text });
  if (!reading.ok) throw new Error(reading.problems.map((p) => p.reason).join("; "));
  return receiversOf(matchRoutes(reading.config.root, labels)).join(",");
};

describe("alert routing agrees with amtool config routes test", () => {
  it("on the fixture trees: team routing, RE2 corners and matcher syntax, deep nesting with continue, YAML merge keys", async () => {
    await requireAmtool();
    const cases: Case[] = Object.entries(FIXTURE_CASES).flatMap(([config, sets]) =>
      sets.map((labels) => ({ config, labels })),
    );
    const results = await Promise.all(
      cases.map(async ({ config, labels }) => {
        const file = join(FIXTURES, config);
        const expected = await amtoolReceivers(file, labels);
        const actual = simulatedReceivers(readFileSync(file, "utf8"), config, labels);
        return { config, labels, expected, actual };
      }),
    );
    expect(new Set(results.map((r) => r.config)).size).toBeGreaterThanOrEqual(3);
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(results.filter((r) => r.expected !== r.actual)).toEqual([]);
    // The fixtures are only worth their name if the label sets reach many different receivers.
    expect(new Set(results.map((r) => r.expected)).size).toBeGreaterThanOrEqual(25);
  });

  it("on a generated 120-route tree with 30 label sets", async () => {
    await requireAmtool();
    const { yaml } = generateAlertmanagerConfig(120, 7);
    const file = join(mkdtempSync(join(tmpdir(), "amtool-")), "generated.yml");
    writeFileSync(file, yaml);
    const sets = generateLabelSets(30, 11);
    const results = await Promise.all(
      sets.map(async (labels) => ({
        labels,
        expected: await amtoolReceivers(file, labels),
        actual: simulatedReceivers(yaml, "generated.yml", labels),
      })),
    );
    expect(results).toHaveLength(30);
    expect(results.filter((r) => r.expected !== r.actual)).toEqual([]);
    expect(new Set(results.map((r) => r.expected)).size).toBeGreaterThanOrEqual(8);
  });
});

/** `amtool check-config`: whether Alertmanager 0.25 loads the file, and the reason it gives when not. */
const amtoolChecks = async (file: string): Promise<{ passed: boolean; reason: string }> => {
  try {
    await run(AMTOOL, ["check-config", file]);
    return { passed: true, reason: "" };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    const output = `${failed.stdout ?? ""}${failed.stderr ?? ""}`;
    return { passed: false, reason: /FAILED: (.*)/.exec(output)?.[1]?.trim() ?? output };
  }
};

const CHECK_CONFIG = join(FIXTURES, "check-config");
const checkConfigFiles = readdirSync(CHECK_CONFIG)
  .filter((name) => name.endsWith(".yml"))
  .sort();

describe("configurations agree with amtool check-config", () => {
  it("the corpus has good and bad files, of URLs, globals and notifiers", () => {
    expect(checkConfigFiles.length).toBeGreaterThanOrEqual(15);
    for (const kind of ["good-", "bad-url-", "bad-global-", "bad-email-", "bad-slack-"])
      expect(
        checkConfigFiles.some((name) => name.startsWith(kind)),
        kind,
      ).toBe(true);
  });

  it.each([...checkConfigFiles.map((name) => join("check-config", name)), ...Object.keys(FIXTURE_CASES)])(
    "%s",
    async (name) => {
      await requireAmtool();
      const file = join(FIXTURES, name);
      const theirs = await amtoolChecks(file);
      const reading = readAlertmanagerConfig({ path: name, text: readFileSync(file, "utf8") });
      const reasons = reading.ok ? [] : reading.problems.map((p) => p.reason);
      expect({ readiness: reading.ok, reasons }).toMatchObject({ readiness: theirs.passed });
      expect(reading.ok, "good-* files and routing fixtures pass, bad-* files fail").toBe(!name.includes("/bad-"));
      // The same problem in amtool's words (its Go struct dumps and YAML error lists aside).
      if (!theirs.passed && !/unmarshal errors|responder \{/.test(theirs.reason))
        expect(reasons.join("\n")).toContain(theirs.reason);
    },
  );
});
