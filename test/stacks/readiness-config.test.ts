import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigFileError } from "@readiness/core";
import { afterAll, describe, expect, it } from "vitest";
import { readinessConfigForDeploy } from "../../stacks/support/readiness-config";

describe("readinessConfigForDeploy", () => {
  const dir = mkdtempSync(join(tmpdir(), "readiness-deploy-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("Compliance: READINESS_CONFIG names the file whose rule parameters are deployed", () => {
    const config = readinessConfigForDeploy({
      READINESS_CONFIG: resolve(import.meta.dirname, "fixtures/readiness.yml"),
    });
    expect(config.rules["log-retention"]).toEqual({ minRetentionDays: 90 });
  });

  it("Noncompliance 1: a READINESS_CONFIG that does not exist fails the synth, naming the file", () => {
    const missing = join(dir, "nope.yml");
    expect(() => readinessConfigForDeploy({ READINESS_CONFIG: missing })).toThrow(ConfigFileError);
    expect(() => readinessConfigForDeploy({ READINESS_CONFIG: missing })).toThrow(
      /cannot read the readiness config.*ENOENT/,
    );
  });

  it("Noncompliance 2: an invalid file fails the synth with the place of the problem", () => {
    const invalid = join(dir, "readiness.yml");
    writeFileSync(invalid, "version: 1\nrules:\n  log-retention:\n    minRetentionDays: forever\n");
    const deploy = () => readinessConfigForDeploy({ READINESS_CONFIG: invalid });
    expect(deploy).toThrow(ConfigFileError);
    expect(deploy).toThrow(expect.objectContaining({ place: expect.objectContaining({ file: invalid, line: 4 }) }));
  });
});
