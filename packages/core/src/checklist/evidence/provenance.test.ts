import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { provenanceOf } from "../documents/publish/provenance";
import { evidenceProvenance } from "./provenance";

const ACTIONS = {
  GITHUB_REPOSITORY: "acme/tasks",
  GITHUB_SHA: "0123abc",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_RUN_ID: "42",
};
const RUN_URL = "https://github.com/acme/tasks/actions/runs/42";

describe("provenance of recorded evidence and published verdicts", () => {
  it("Compliance: in GitHub Actions both name the repository, the commit and the run, each in its record's words", async () => {
    expect(await evidenceProvenance("readiness load", ACTIONS, undefined)).toEqual({
      source: "readiness load",
      repository: "acme/tasks",
      gitCommit: "0123abc",
      ciRunUrl: RUN_URL,
    });
    const published = await provenanceOf([{ path: "ops/slo.yaml", text: "x" }], ACTIONS, undefined);
    expect(Object.keys(published)).toEqual(["publishedBy", "repository", "commit", "runUrl", "files"]);
    expect(published).toMatchObject({ repository: "acme/tasks", commit: "0123abc", runUrl: RUN_URL });
  });

  it("Noncompliance: outside CI and outside a checkout nothing is claimed", async () => {
    const folder = mkdtempSync(join(tmpdir(), "readiness-provenance-"));
    expect(await evidenceProvenance("readiness drill drain", {}, folder)).toEqual({ source: "readiness drill drain" });
    expect(await provenanceOf([], {}, folder)).toEqual({ publishedBy: "readiness publish", files: [] });
  });

  it("names no run URL without the server and run id", async () => {
    expect(await evidenceProvenance("s", { GITHUB_REPOSITORY: "acme/tasks" }, undefined)).toEqual({
      source: "s",
      repository: "acme/tasks",
    });
  });
});
