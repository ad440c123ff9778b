import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRuleFile } from "./rule-checks";
import { readRuleFile } from "./rule-file";

/**
 * readiness's structural check of rule files against the real `promtool check rules` (Debian's
 * `prometheus` package, which .ci/run installs), file by file over a corpus of good and bad rule
 * files. promtool runs with `--lint-fatal` so that duplicate rules fail it, as they fail readiness.
 */
const CORPUS = join(__dirname, "testdata", "promtool");
const files = readdirSync(CORPUS)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

const promtoolVersion = (): string => {
  const run = spawnSync("promtool", ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0)
    throw new Error(
      "promtool is not installed: install Debian's prometheus package (apt-get install -y prometheus), as .ci/run does",
    );
  return `${run.stdout}${run.stderr}`.split("\n")[0];
};

const promtool = (file: string): { passed: boolean; output: string } => {
  promtoolVersion();
  try {
    const output = execFileSync("promtool", ["check", "rules", "--lint-fatal", file], {
      encoding: "utf8",
      stdio: "pipe",
    });
    return { passed: true, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    if (failed.status !== 1 && failed.status !== 3) throw error;
    return { passed: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
};

/** The rule names promtool's messages name (`group "g", rule 2, "HighErrorRate": …`). */
const rulesNamedBy = (output: string): Set<string> =>
  new Set([...output.matchAll(/rule \d+, "([^"]+)"/g)].map((match) => match[1]));

/**
 * promtool's PromQL messages past its grammar (unknown function, types, arity, empty selector),
 * which readiness words as Prometheus does; grammar-level ones ("unexpected …", "unclosed …")
 * come from another grammar and are worded differently.
 */
const promqlMessagesOf = (output: string): string[] =>
  [...output.matchAll(/parse error: (.+)$/gm)]
    .map((match) => match[1]!)
    .filter((m) => !/^(unexpected|unclosed)/.test(m));

describe("rule files: readiness agrees with promtool check rules", () => {
  it("promtool is installed", () => {
    expect(promtoolVersion()).toMatch(/^promtool, version /);
  });

  it("the corpus has good and bad files of every kind the issue names", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const kind of [
      "good-",
      "bad-duration",
      "bad-label",
      "bad-template",
      "bad-duplicate",
      "bad-promql",
      "bad-missing-expr",
    ])
      expect(
        files.some((name) => name.startsWith(kind)),
        kind,
      ).toBe(true);
  });

  it.each(files)("%s", (name) => {
    const path = join(CORPUS, name);
    const theirs = promtool(path);
    const problems = checkRuleFile(readRuleFile({ path: name, text: readFileSync(path, "utf8") }));
    const ours = problems.length === 0;
    expect({ readiness: ours, problems: problems.map((p) => p.message) }).toMatchObject({ readiness: theirs.passed });
    // The corpus's names say what each file is: a file that passes both is a good one.
    expect(ours, "good-* files pass, bad-* files fail").toBe(name.startsWith("good-"));
    const messages = problems.map((p) => p.message).join("\n");
    for (const message of promqlMessagesOf(theirs.output))
      expect(messages, "names the problem as promtool does").toContain(message);
    const named = rulesNamedBy(theirs.output);
    if (named.size > 0) expect(new Set(problems.flatMap((p) => (p.rule ? [p.rule] : [])))).toEqual(named);
  });
});
