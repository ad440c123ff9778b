import type { Job, Workflow } from "./workflow";

/**
 * Which jobs run the tests and which deploy, from what they run. A `run:` script is split into
 * commands (lines, `&&`, `||`, `;`, `|`) and each command's leading words are compared with known
 * test runners and deploy tools; job ids and names that say "test" or "deploy", GitHub deployment
 * environments and the AWS deploy actions count too. A job that calls a reusable workflow kept in
 * the same set of files is what that workflow's jobs are.
 */

const TEST_COMMANDS: readonly (readonly string[])[] = [
  ["npm", "test"],
  ["npm", "t"],
  ["npm", "run", "test*"],
  ["npm", "run-script", "test*"],
  ["npm", "cit"],
  ["npm", "install-test"],
  ["yarn", "test*"],
  ["yarn", "run", "test*"],
  ["pnpm", "test*"],
  ["pnpm", "run", "test*"],
  ["bun", "test"],
  ["bun", "run", "test*"],
  ["npx", "vitest"],
  ["npx", "jest"],
  ["npx", "mocha"],
  ["npx", "playwright", "test"],
  ["vitest"],
  ["jest"],
  ["mocha"],
  ["pytest"],
  ["python", "-m", "pytest"],
  ["python3", "-m", "pytest"],
  ["tox"],
  ["go", "test"],
  ["cargo", "test"],
  ["cargo", "nextest"],
  ["mvn", "test"],
  ["mvn", "verify"],
  ["./mvnw", "test"],
  ["./mvnw", "verify"],
  ["gradle", "test"],
  ["gradle", "check"],
  ["./gradlew", "test"],
  ["./gradlew", "check"],
  ["dotnet", "test"],
  ["make", "test*"],
  ["make", "check"],
  ["bundle", "exec", "rspec"],
  ["bundle", "exec", "rake", "test"],
  ["rspec"],
  ["mix", "test"],
  ["phpunit"],
  ["vendor/bin/phpunit"],
  ["ctest"],
  ["bazel", "test"],
  // Builds whose lifecycle runs the tests (GitHub's Maven and Gradle starter workflows), unless told to skip them.
  ["mvn", "package"],
  ["mvn", "install"],
  ["./mvnw", "package"],
  ["./mvnw", "install"],
  ["gradle", "build"],
  ["./gradlew", "build"],
  ["python", "manage.py", "test"],
  ["python3", "manage.py", "test"],
  ["python", "-m", "unittest"],
  ["python3", "-m", "unittest"],
  ["nox", "-s", "test*"],
  ["deno", "test"],
  ["swift", "test"],
  ["sbt", "test*"],
  ["stack", "test"],
  ["cabal", "test"],
  ["lein", "test"],
  ["flutter", "test"],
  ["npx", "nx", "test*"],
  ["nx", "test*"],
  ["npx", "turbo", "test*"],
  ["turbo", "test*"],
];

/** Whole commands that run the tests by convention: Rake's default task (GitHub's Ruby starter workflow). */
const TEST_COMMAND_LINES = new Set(["bundle exec rake", "rake"]);

/** Options that build without running the tests. */
const skipsTests = (words: readonly string[]): boolean =>
  words.some(
    (word, i) =>
      /^-D(skipTests|maven\.test\.skip)(=true)?$/.test(word) ||
      ((word === "-x" || word === "--exclude-task") && /^:?test$/.test(words[i + 1] ?? "")),
  );

const DEPLOY_COMMANDS: readonly (readonly string[])[] = [
  ["sst", "deploy"],
  ["npx", "sst", "deploy"],
  ["cdk", "deploy"],
  ["npx", "cdk", "deploy"],
  ["serverless", "deploy"],
  ["sls", "deploy"],
  ["npx", "serverless", "deploy"],
  ["aws", "ecs", "update-service"],
  ["aws", "ecs", "deploy"],
  ["aws", "cloudformation", "deploy"],
  ["aws", "cloudformation", "update-stack"],
  ["aws", "cloudformation", "execute-change-set"],
  ["copilot", "deploy"],
  ["copilot", "svc", "deploy"],
  ["copilot", "job", "deploy"],
  ["terraform", "apply"],
  ["pulumi", "up"],
  ["helm", "upgrade"],
  ["kubectl", "apply"],
  ["kubectl", "set", "image"],
  ["ecs-deploy"],
  ["flyctl", "deploy"],
  ["fly", "deploy"],
  ["sam", "deploy"],
  ["eb", "deploy"],
  ["yarn", "cdk", "deploy"],
  ["pnpm", "cdk", "deploy"],
  ["npx", "aws-cdk", "deploy"],
  ["cdktf", "deploy"],
  ["npx", "cdktf", "deploy"],
  ["terragrunt", "apply"],
  ["gcloud", "run", "deploy"],
  ["gcloud", "app", "deploy"],
  ["helmfile", "apply"],
  ["helmfile", "sync"],
  ["argocd", "app", "sync"],
  ["npm", "run", "deploy*"],
  ["yarn", "deploy*"],
  ["yarn", "run", "deploy*"],
  ["pnpm", "run", "deploy*"],
];

const DEPLOY_ACTIONS = [
  "aws-actions/amazon-ecs-deploy-task-definition",
  "aws-actions/aws-cloudformation-github-deploy",
];

/** A known deploy action, or one whose name says it deploys (`azure/webapps-deploy`, `google-github-actions/deploy-cloudrun`). */
const deployAction = (uses: string): string | undefined => {
  const name = uses.toLowerCase().split("@")[0]!;
  if (DEPLOY_ACTIONS.includes(name)) return name;
  return /(^|[/_-])deploy([/_-]|$)/.test(name) ? name : undefined;
};

/**
 * Gradle's build action runs the tasks of its `arguments` input (GitHub's documented Gradle
 * workflow: `uses: gradle/gradle-build-action`, `with: arguments: build`): the tests when those
 * tasks are test, check or build, unless `-x test` skips them.
 */
const gradleActionTasks = (step: { readonly uses?: string; readonly with?: Readonly<Record<string, string>> }) => {
  const action = step.uses?.toLowerCase().split("@")[0];
  const args = step.with?.arguments;
  if (!args || (action !== "gradle/gradle-build-action" && action !== "gradle/actions/setup-gradle")) return undefined;
  const words = args.trim().split(/\s+/);
  return !skipsTests(words) && words.some((word) => /^:?(test\w*|check|build)$/.test(word.split(":").pop()!))
    ? args.trim()
    : undefined;
};

/** Actions that deploy when an input says so: Pulumi's `command: up`, the Serverless action's `args: deploy`. */
const deployingInput = (step: { readonly uses?: string; readonly with?: Readonly<Record<string, string>> }) => {
  const action = step.uses?.toLowerCase().split("@")[0];
  if (action === "pulumi/actions" && step.with?.command?.trim() === "up") return "command: up";
  if (action === "serverless/github-action" && /(^|\s)deploy(\s|$)/.test(step.with?.args ?? ""))
    return `args: ${step.with!.args!.trim()}`;
  return undefined;
};

/** Words skipped before a command: environment assignments and wrappers. */
const isPrefixWord = (word: string): boolean =>
  /^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || ["sudo", "time", "env", "exec"].includes(word);

/** Python project tools that run a command in the project's environment: `poetry run pytest`. */
const ENVIRONMENT_RUNNERS = new Set(["poetry", "uv", "pipenv", "pdm", "rye", "hatch"]);

const commandsOf = (script: string): string[][] =>
  script
    // A backslash at the end of a line continues the command on the next.
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n|&&|\|\||;|\|/)
    .map((command) => command.trim().split(/\s+/).filter(Boolean))
    .map((words) => {
      let i = 0;
      for (;;) {
        if (i < words.length && isPrefixWord(words[i]!)) i++;
        else if (ENVIRONMENT_RUNNERS.has(words[i] ?? "") && words[i + 1] === "run") i += 2;
        else break;
      }
      return words.slice(i);
    })
    .filter((words) => words.length > 0);

const wordMatches = (pattern: string, word: string): boolean =>
  pattern.endsWith("*") ? word.startsWith(pattern.slice(0, -1)) : word === pattern;

/**
 * The tool is the command's first word; the rest of the shape must follow in order, with other
 * words (options and their values: `npm --prefix api test`) allowed between them. An option in
 * the shape is matched with the word after it (`python -m pytest`, not `python -m pip install
 * pytest`).
 */
const commandHasShape = (words: readonly string[], shape: readonly string[]): boolean => {
  if (!wordMatches(shape[0]!, words[0]!)) return false;
  let next = 1;
  for (let i = 1; i < words.length && next < shape.length; i++) {
    const word = words[i]!;
    const expected = shape[next]!;
    if (!expected.startsWith("-")) {
      if (!word.startsWith("-") && wordMatches(expected, word)) next++;
    } else if (word === expected && i + 1 < words.length && wordMatches(shape[next + 1]!, words[i + 1]!)) {
      next += 2;
      i++;
    }
  }
  return next === shape.length;
};

const findCommand = (
  script: string,
  known: readonly (readonly string[])[],
  lines: ReadonlySet<string> = new Set(),
  excluded: (words: readonly string[]) => boolean = () => false,
): string | undefined => {
  const matches = (words: readonly string[]) =>
    lines.has(words.join(" ")) || known.some((shape) => commandHasShape(words, shape));
  for (const words of commandsOf(script)) {
    if (excluded(words)) continue;
    if (matches(words)) return words.join(" ");
    // A container run (`docker compose run app npm test`): the command is what follows the image or service.
    if (runsInContainer(words) && words.some((_, i) => i > 1 && matches(words.slice(i)))) return words.join(" ");
  }
  return undefined;
};

const runsInContainer = (words: readonly string[]): boolean =>
  ["docker", "podman", "docker-compose"].includes(words[0]!) && (words.includes("run") || words.includes("exec"));

const says = (job: Job, word: RegExp): boolean => word.test(job.id) || (job.name !== undefined && word.test(job.name));

export type Evidence = string | undefined;

/** Why the job counts as running the tests, or undefined. */
export const testEvidence = (job: Job, workflows: readonly Workflow[], depth = 0): Evidence => {
  for (const step of job.steps) {
    const command = step.run ? findCommand(step.run, TEST_COMMANDS, TEST_COMMAND_LINES, skipsTests) : undefined;
    if (command) return `runs "${command}"`;
    const gradle = gradleActionTasks(step);
    if (gradle) return `uses ${step.uses!.split("@")[0]} with arguments "${gradle}"`;
    const script = step.run
      ? commandsOf(step.run).find((words) => /(^|[-_.])tests?([-_.]|$)/i.test(words[0]!.split("/").pop()!))
      : undefined;
    if (script) return `runs "${script.join(" ")}"`;
  }
  const called = calledWorkflow(job, workflows);
  if (called && depth < 4) {
    const inner = called.jobs.map((j) => testEvidence(j, workflows, depth + 1)).find(Boolean);
    if (inner) return `calls ${called.file}, which ${inner}`;
  }
  if (says(job, /\btests?\b/i)) return `is named "${job.name ?? job.id}"`;
  if (remoteWorkflowSays(job, /(^|[-_.])tests?([-_.]|$)/i)) return `calls ${job.uses}`;
  return undefined;
};

/** Why the job counts as deploying, or undefined. */
export const deployEvidence = (job: Job, workflows: readonly Workflow[], depth = 0): Evidence => {
  for (const step of job.steps) {
    const command = step.run ? findCommand(step.run, DEPLOY_COMMANDS) : undefined;
    if (command) return `runs "${command}"`;
    const action = step.uses ? deployAction(step.uses) : undefined;
    if (action) return `uses ${action}`;
    const input = deployingInput(step);
    if (input) return `uses ${step.uses!.toLowerCase().split("@")[0]} with ${input}`;
  }
  const called = calledWorkflow(job, workflows);
  if (called && depth < 4) {
    const inner = called.jobs.map((j) => deployEvidence(j, workflows, depth + 1)).find(Boolean);
    if (inner) return `calls ${called.file}, which ${inner}`;
  }
  if (job.environment) return `deploys to environment ${job.environment}`;
  if (says(job, /\bdeploy(ment|s)?\b/i)) return `is named "${job.name ?? job.id}"`;
  if (remoteWorkflowSays(job, /(^|[-_.])deploy(ment|s)?([-_.]|$)/i)) return `calls ${job.uses}`;
  return undefined;
};

/**
 * A reusable workflow of another repository (`org/ci/.github/workflows/ecs-deploy.yml@v2`) is not
 * read: its file name is what says what it does.
 */
const remoteWorkflowSays = (job: Job, word: RegExp): boolean => {
  if (!job.uses || job.uses.startsWith("./")) return false;
  const file = job.uses.split("@")[0]!.split("/").pop() ?? "";
  return word.test(file.replace(/\.ya?ml$/i, ""));
};

/** The workflow a job calls with `uses: ./.github/workflows/x.yml`, when it is among the files read. */
export const calledWorkflow = (job: Job, workflows: readonly Workflow[]): Workflow | undefined => {
  if (!job.uses?.startsWith("./")) return undefined;
  const path = job.uses.slice(2);
  return workflows.find((w) => w.file === path || w.file.endsWith(`/${path}`));
};
