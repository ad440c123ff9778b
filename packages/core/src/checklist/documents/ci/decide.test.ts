import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import { decideCicdGate } from "./decide";

const fixture = (name: string) => ({
  path: `.github/workflows/${name}`,
  text: readFileSync(join(import.meta.dirname, "fixtures", name), "utf8"),
});
const params = defaultParams("cicd-gate");
const decide = (workflows: { path: string; text: string }[], mainBranch = "main") =>
  decideCicdGate({ workflows, params: { ...params, mainBranch } });
const one = (text: string) => decide([{ path: ".github/workflows/ci.yml", text }]);
const ci = fixture("ci.yml");

describe("cicd-gate, document part", () => {
  it("Compliance 1: one workflow tests pull requests and deploys on main after the tests", () => {
    const verdict = decide([ci]);
    expect(verdict.status).toBe("pass");
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      'job test (.github/workflows/ci.yml:15:3) runs "npm test -- --reporter=dot" on pull_request to main',
      'job deploy (.github/workflows/ci.yml:23:3) runs "npx sst deploy --stage prod" on push to main after test (.github/workflows/ci.yml:15:3), which runs "npm test -- --reporter=dot" (when the changed files pass its paths filter, which readiness does not decide)',
    ]);
  });

  it("Compliance 2: the same reusable workflow gates pull requests and the deploy; `on` as a string; branches-ignore", () => {
    const verdict = decide(["reusable-tests.yml", "pr.yml", "release.yml"].map(fixture));
    expect(verdict.status).toBe("pass");
    expect(verdict.reason).toBe(
      'job gate (.github/workflows/pr.yml:4:3) calls .github/workflows/reusable-tests.yml, which runs "npx vitest run" on pull_request to main; job ship (.github/workflows/release.yml:8:3) uses aws-actions/amazon-ecs-deploy-task-definition on push to main after tests (.github/workflows/release.yml:6:3), which calls .github/workflows/reusable-tests.yml, which runs "npx vitest run"',
    );
  });

  it("Compliance 3: a reusable workflow called on push to main holds the gate: its deploy job needs its test job", () => {
    const verdict = decide(["reusable-tests.yml", "pr.yml", "deploy-reusable.yml", "main.yml"].map(fixture));
    expect(verdict.status).toBe("pass");
    expect(verdict.findings[1]!.reason).toBe(
      'job release (.github/workflows/main.yml:6:3) calls .github/workflows/deploy-reusable.yml, where job deploy (.github/workflows/deploy-reusable.yml:9:3) runs "npx cdk deploy --all" on push to main after test (.github/workflows/deploy-reusable.yml:5:3), which runs "npm test"',
    );
  });

  it("Noncompliance 1: the deploy does not need the tests", () => {
    const verdict = decide([{ ...ci, text: ci.text.replace("needs: [test]", "needs: [build]") }]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe(
      'no job deploys on push to main after the tests: job deploy (.github/workflows/ci.yml:23:3) runs "npx sst deploy --stage prod" on push to main, but its needs (build) reach no job that runs the tests',
    );
  });

  it("Noncompliance 2: if: always() deploys even when the tests fail", () => {
    const verdict = decide([
      { ...ci, text: ci.text.replace("if: github.event_name", "if: always() && github.event_name") },
    ]);
    expect(verdict.reason).toMatch(
      /but its if: always\(\) && github\.event_name == 'push' && github\.ref == 'refs\/heads\/main' lets it run when the tests fail$/,
    );
  });

  it("Noncompliance 3: no tests on pull requests; a deploy only on tags or on another branch", () => {
    const noPr = decide([{ ...ci, text: ci.text.replace(/ {2}pull_request:\n {4}branches: \[main\]\n/, "") }]);
    expect(noPr.reason).toBe("no job runs the tests on pull requests to main: no workflow has such a job");
    const target = decide([{ ...ci, text: ci.text.replace("  pull_request:\n", "  pull_request_target:\n") }]);
    expect(target.reason).toBe(
      "no job runs the tests on pull requests to main: .github/workflows/ci.yml runs its tests on pull_request_target, which runs the base branch's workflow and code, not the pull request's: add pull_request",
    );
    const tagsOnly = one(ci.text.replace('branches: [main, "releases/**"]', 'tags: ["v*"]'));
    expect(tagsOnly.reason).toMatch(
      /job deploy \(.*\) deploys, but \.github\/workflows\/ci\.yml does not run on push to main: its push filter has tags \[v\*\] and no branches, so it runs for tags only$/,
    );
    // The starter workflows' placeholder, never replaced: the filter is named, so the cause is plain.
    const placeholder = one(ci.text.replace('branches: [main, "releases/**"]', "branches: [$default-branch]"));
    expect(placeholder.reason).toMatch(
      /deploys, but \.github\/workflows\/ci\.yml does not run on push to main: its push filter branches \[\$default-branch\] does not admit main$/,
    );
    const trunk = decide([ci], "trunk");
    expect(trunk.status).toBe("fail");
    expect(trunk.reason).toMatch(
      /pull_request does not run for pull requests to trunk: its pull_request filter branches \[main\] does not admit trunk/,
    );
    const otherRef = one(ci.text.replace("refs/heads/main", "refs/heads/production"));
    expect(otherRef.reason).toMatch(/but its if: .* is false for push$/);
    const dispatch = one(ci.text.replace(/ {2}push:\n/, "  workflow_dispatch:\n"));
    expect(dispatch.reason).toMatch(
      /deploys, but \.github\/workflows\/ci\.yml runs on pull_request, workflow_dispatch, not on push$/,
    );
  });

  it("a condition on a context readiness does not know leaves the item undecided, saying which", () => {
    const verdict = one(
      ci.text.replace(
        "github.event_name == 'push' &&",
        "github.actor != 'dependabot[bot]' && github.event_name == 'push' &&",
      ),
    );
    expect(verdict.status).toBe("unknown");
    expect(verdict.reason).toMatch(
      /its if: github\.actor != 'dependabot\[bot\]' && .* cannot be decided for push \(it reads a context readiness does not know\)/,
    );
    // ...but a known false still decides: unknown && false is false.
    const decided = one(
      ci.text.replace("github.event_name == 'push' &&", "github.actor != 'x' && github.event_name == 'schedule' &&"),
    );
    expect(decided.status).toBe("fail");
  });

  it("decides test jobs that skip draft or closed pull requests: the gate is a ready pull request's new commit", () => {
    for (const condition of [
      "github.event.pull_request.draft == false",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's own ${{ }} expression syntax
      "${{ !github.event.pull_request.draft }}",
      "github.event.action != 'closed' && !github.event.pull_request.merged",
    ]) {
      const verdict = one(
        ci.text.replace("  test:\n    needs: build\n", `  test:\n    needs: build\n    if: ${condition}\n`),
      );
      expect(
        verdict.findings.map((f) => f.status),
        condition,
      ).toEqual(["pass", "pass"]);
    }
  });

  it("reads an action's with: inputs: Gradle's build action with arguments build runs the tests", () => {
    const gradle = one(
      "on:\n  pull_request:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Build with Gradle\n        uses: gradle/gradle-build-action@67421db6bd0bf253fb4bd25b31ebb98943c375e1\n        with:\n          arguments: build\n",
    );
    expect(gradle.findings[0]?.reason).toBe(
      'job build (.github/workflows/ci.yml:5:3) uses gradle/gradle-build-action with arguments "build" on pull_request to main',
    );
  });

  it("a deploy run by workflow_run says that such chains are not followed, and what counts instead", () => {
    const deploy = {
      path: ".github/workflows/deploy.yml",
      text: "on:\n  workflow_run:\n    workflows: [ci]\n    types: [completed]\njobs:\n  deploy:\n    runs-on: x\n    environment: production\n    steps: [{ run: ./deploy.sh }]\n",
    };
    expect(decide([deploy]).findings.at(-1)?.reason).toBe(
      "no job deploys on push to main after the tests: job deploy (.github/workflows/deploy.yml:6:3) deploys, but .github/workflows/deploy.yml runs on workflow_run, not on push (a deploy started by another workflow's completion is not followed: readiness asks for the deploy job in a workflow run by push, with needs that reach the tests, or a call of the tested workflow)",
    );
  });

  it("reads the needed jobs' results and the default branch, as deploy conditions often do", () => {
    const DEPLOY_IF = "if: github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(ci.text).toContain(DEPLOY_IF); // else the replacements below would test the fixture unchanged
    const deployIf = (condition: string) => one(ci.text.replace(DEPLOY_IF, `if: ${condition}`));
    // needs.<job>.result is "success" when the tests passed and "failure" when they failed.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's own ${{ }} expression syntax
    const wrapped = "${{ !cancelled() && needs.test.result == 'success' && github.event_name == 'push' }}";
    expect(deployIf(wrapped).status).toBe("pass");
    expect(deployIf("always() && needs.test.result != 'cancelled' && github.event_name == 'push'").reason).toMatch(
      /lets it run when the tests fail$/,
    );
    // The object filter over every needed job's result.
    expect(deployIf("always() && !contains(needs.*.result, 'failure') && github.event_name == 'push'").status).toBe(
      "pass",
    );
    expect(deployIf("always() && !contains(needs.*.result, 'cancelled')").reason).toMatch(
      /lets it run when the tests fail$/,
    );
    // The branch named through the repository's default branch (GitHub's own starter workflows do this).
    const onBranch = (test: string) => one(ci.text.replace("github.ref == 'refs/heads/main'", test));
    expect(onBranch("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)").status).toBe(
      "pass",
    );
    // A job's outputs are not known.
    expect(onBranch("needs.test.outputs.changed == 'true'").status).toBe("unknown");
  });

  it("bad documents give reasons with file:line, never a throw and never a pass", () => {
    expect(decide([])).toMatchObject({
      status: "unknown",
      reason: "no CI workflow configured (documents.ciWorkflows)",
    });
    expect(one("on: [push\n").reason).toMatch(/^\.github\/workflows\/ci\.yml:\d+:\d+: invalid YAML/);
    // Other files kept under .github are named for what they are.
    expect(
      decide([
        { path: ".github/actions/deploy/action.yml", text: "name: Deploy\nruns:\n  using: composite\n  steps: []\n" },
      ]).findings[0]?.reason,
    ).toBe(
      ".github/actions/deploy/action.yml:1:1: not a workflow: an action's metadata (action.yml: runs); documents.ciWorkflows should name only workflows (.github/workflows/*.yml)",
    );
    expect(decide([{ path: ".github/dependabot.yml", text: "version: 2\nupdates: []\n" }]).findings[0]?.reason).toMatch(
      /^\.github\/dependabot\.yml:1:1: not a workflow: a Dependabot configuration \(updates\)/,
    );
    expect(one("name: x\njobs:\n  a:\n    runs-on: x\n    steps: [{run: npm test}]\n").reason).toMatch(
      /^\.github\/workflows\/ci\.yml:1:1: invalid workflow: no trigger \(`on:` is missing\)/,
    );
    expect(one("on: push\njobs:\n  a:\n    needs: b\n    steps: [{run: x}]\n").reason).toMatch(
      /ci\.yml:4:5: invalid workflow: job a needs "b", which is not a job of this workflow/,
    );
    expect(one("on: push\njobs:\n  a:\n    runs-on: x\n").reason).toMatch(
      /ci\.yml:3:3: invalid workflow: job a has neither steps nor uses/,
    );
    // A broken file fails the item even when another file would pass it: nothing unread counts as compliant.
    expect(decide([ci, { path: ".github/workflows/bad.yml", text: "on: [" }]).status).toBe("fail");
  });
});
