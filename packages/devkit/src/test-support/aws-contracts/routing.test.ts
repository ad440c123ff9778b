/*
 * A stub installed with a bare `.on(Command).resolves(…)` answers whatever it is sent: that is how
 * INSUFFICIENT_DATA reached PutEvaluations with every test green. Every stub of a command that has
 * a contract validator must go through the answer* helpers beside this file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_SERVICE_VALIDATORS } from "./config-service";
import { ECS_DEPLOYMENT_VALIDATORS } from "./ecs-deployments";
import { IAM_VALIDATORS } from "./iam";

const REPO = join(import.meta.dirname, "../../../../..");
const ROOTS = ["test", "packages", "examples", "bench"];
const SKIPPED_DIRS = new Set(["node_modules", "dist", ".sst", "cdk.out"]);
const HERE = relative(REPO, import.meta.dirname);


const COMMANDS = [
  ...Object.keys(CONFIG_SERVICE_VALIDATORS),
  ...Object.keys(IAM_VALIDATORS),
  ...Object.keys(ECS_DEPLOYMENT_VALIDATORS),
];
const BARE_STUB = new RegExp(`\\.on\\(\\s*(${COMMANDS.join("|")})\\b`, "g");

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || path === HERE ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });

const bareStubsIn = (file: string): string[] =>
  [...readFileSync(join(REPO, file), "utf8").matchAll(BARE_STUB)].map((match) => match[1]!);

describe("stubs of APIs with a contract validator", () => {
  const files = ROOTS.flatMap(sourceFiles);

  it("are installed through the validating helpers, never with a bare .on(Command)", () => {
    expect(files.length).toBeGreaterThan(100);
    const bare = files.flatMap((file) => bareStubsIn(file).map((command) => `${file}: .on(${command})`));
    expect(bare).toEqual([]);
  });

  it("the check sees a bare stub where there is one", () => {
    expect("config.on(PutEvaluationsCommand).resolves({})".match(BARE_STUB)).toHaveLength(1);
    expect("simulator.on(\n  SimulatePrincipalPolicyCommand, { Marker: 'x' })".match(BARE_STUB)).toHaveLength(1);
    expect("ecsMock.on(StopServiceDeploymentCommand).resolves({})".match(BARE_STUB)).toHaveLength(1);
  });
});
