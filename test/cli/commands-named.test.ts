import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "@readiness/cli/program";
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { REPO, readiness } from "./helpers";

/** Every command and subcommand path the CLI registers ("check", "config validate"). */
const registeredCommands = (): Set<string> => {
  const program = buildProgram(
    { stdout: () => {}, stderr: () => {}, env: {}, cwd: REPO, stdoutIsTTY: false, stderrIsTTY: false },
    {
      checkTemplate: async () => Promise.reject(new Error("unused")),
      checkLive: async () => Promise.reject(new Error("unused")),
    },
    () => {},
  );
  const names = new Set<string>();
  const walk = (prefix: string[], command: typeof program): void => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      names.add(path.join(" "));
      walk(path, sub);
    }
  };
  walk([], program);
  return names;
};

/**
 * "`readiness drill crash`" in a text → ["drill", "crash"]: the words after `readiness` in a command
 * position (after a backtick, "$ " or "npx "), never the product's name in prose.
 */
const commandsNamedIn = (text: string): string[][] =>
  [...text.matchAll(/(?:\$ |npx |`)readiness ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)].map((m) =>
    m.slice(1).filter(Boolean),
  );

const DOCS = ["README.md", ...readdirSync(join(REPO, "docs")).map((f) => join("docs", f))].filter((f) =>
  f.endsWith(".md"),
);

describe("fix texts and docs name only commands that exist", () => {
  const commands = registeredCommands();
  // A word after a command with subcommands (config, drill) must be one of them: `readiness drill
  // rollback` names a command that does not exist even though `drill` does.
  const hasSubcommands = (first: string): boolean => [...commands].some((c) => c.startsWith(`${first} `));
  const exists = ([first, second]: string[]): boolean =>
    second !== undefined && hasSubcommands(first) ? commands.has(`${first} ${second}`) : commands.has(first);

  it("Compliance: the CLI registers the commands this test looks for", () => {
    expect(commands).toContain("check");
    expect(commands).toContain("config validate");
  });

  it("Compliance: every `readiness <command>` in a checklist item's texts is a registered command", () => {
    const named = CHECKLIST.flatMap((item) =>
      [item.title, item.decidedBy, item.remediation, ...Object.values(item.needs)].flatMap((text) =>
        commandsNamedIn(text).map((words) => ({ item: item.id, words })),
      ),
    );
    expect(named.filter(({ words }) => !exists(words))).toEqual([]);
  });

  it.each(DOCS)("Compliance: every `readiness <command>` in %s is a registered command", (file) => {
    const named = commandsNamedIn(readFileSync(join(REPO, file), "utf8"));
    expect(named.filter((words) => !exists(words))).toEqual([]);
  });

  it("Noncompliance: a command that does not exist answers 'unknown command' (what a stale fix text would lead to)", async () => {
    const result = await readiness(["drill", "crash"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
