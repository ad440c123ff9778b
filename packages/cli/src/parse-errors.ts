/**
 * The argument parser's (commander's) error lines, in readiness's own shape: one `error:` line that
 * says what was wrong, then a `hint:` line with the fix (docs/cli.md, "Exit codes"). Commander's
 * wording is matched here, in one place; a message this does not recognise keeps its text and
 * still gets a hint.
 */
export const withHint = (commanderMessage: string, commandPath: string): string => {
  const [what, suggestion] = splitSuggestion(commanderMessage.trim().replace(/^error: /, ""));
  const message = what;
  const help = `${suggestion ? `did you mean ${suggestion}? ` : ""}run \`${commandPath} --help\` for its options`;
  const choice = /^option '(.+?)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/s.exec(message);
  if (choice) {
    const [, flags, value, choices] = choice;
    const flag = longFlag(flags);
    return lines(`invalid ${flag} "${value}": not one of ${choices}`, `pass ${flag} ${choices.split(", ").join("|")}`);
  }
  const invalid = /^option '(.+?)' argument '(.*)' is invalid\.\s*(.*)$/s.exec(message);
  if (invalid) {
    const [, flags, value, why] = invalid;
    return lines(`invalid ${longFlag(flags)} "${value}"${why ? `: ${why}` : ""}`, help);
  }
  const missing = /^option '(.+?)' argument missing$/.exec(message);
  if (missing) return lines(`${longFlag(missing[1])} needs a value`, `pass ${missing[1]}`);
  if (/^unknown command /.test(message)) return lines(message, `run \`${commandPath} --help\` for the commands`);
  return lines(message, help);
};

/** Commander's "\n(Did you mean --template?)" becomes part of the hint. */
const splitSuggestion = (message: string): [string, string | undefined] => {
  const match = /^(.*?)\s*\(Did you mean (.+?)\?\)$/s.exec(message);
  return match ? [match[1], match[2]] : [message, undefined];
};

/** "-f, --format <format>" → "--format". */
const longFlag = (flags: string): string => /--[\w-]+/.exec(flags)?.[0] ?? flags;

const lines = (what: string, hint: string): string => `error: ${what}\n  hint: ${hint}\n`;
