import { describe, expect, it } from "vitest";
import { deployEvidence, testEvidence } from "./job-kinds";
import type { Job } from "./workflow";

const job = (fields: Partial<Job> & { run?: string; uses?: string }): Job => ({
  id: fields.id ?? "build",
  place: { file: "ci.yml", line: 1 },
  needs: [],
  steps: fields.steps ?? [
    {
      place: { file: "ci.yml", line: 2 },
      ...(fields.run ? { run: fields.run } : {}),
      ...(fields.uses ? { uses: fields.uses } : {}),
    },
  ],
  ...(fields.name ? { name: fields.name } : {}),
  ...(fields.environment ? { environment: fields.environment } : {}),
});

describe("what a job does", () => {
  it("finds test runners among a script's commands", () => {
    expect(testEvidence(job({ run: "npm ci\nCI=true npm --prefix api test" }), [])).toBe(
      'runs "npm --prefix api test"',
    );
    expect(testEvidence(job({ run: "npm ci && npx vitest run --coverage" }), [])).toBe(
      'runs "npx vitest run --coverage"',
    );
    expect(testEvidence(job({ run: "go vet ./... ; go test ./..." }), [])).toBe('runs "go test ./..."');
    expect(testEvidence(job({ run: "./scripts/run-tests.sh unit" }), [])).toBe('runs "./scripts/run-tests.sh unit"');
    expect(testEvidence(job({ run: "docker pull app:latest" }), [])).toBeUndefined();
    expect(testEvidence(job({ run: "npm run build" }), [])).toBeUndefined();
    expect(testEvidence(job({ id: "unit-tests", run: "./ci.sh" }), [])).toBe('is named "unit-tests"');
  });

  it("matches a runner started as a module (`python -m pytest`), options around it", () => {
    expect(
      testEvidence(job({ run: "pip install -r requirements.txt\npython -m pytest tests/ -v --cov=app" }), []),
    ).toBe('runs "python -m pytest tests/ -v --cov=app"');
    expect(testEvidence(job({ run: "python3 -u -m pytest" }), [])).toBe('runs "python3 -u -m pytest"');
    expect(testEvidence(job({ run: "python -m pip install pytest" }), [])).toBeUndefined();
  });

  it("finds the test commands of GitHub's starter workflows and of common runners and wrappers", () => {
    const finds = (run: string) => testEvidence(job({ run }), []);
    for (const run of [
      "mvn -B package --file pom.xml",
      "./mvnw -B verify",
      "./gradlew build",
      "gradle build --scan",
      "python manage.py test",
      "python -m unittest discover -s tests",
      "deno test --allow-all",
      "swift test",
      "sbt test",
      "nox -s tests",
      "npx nx affected -t test",
      "npx turbo run test",
      "bundle exec rake",
    ])
      expect(finds(run), run).toBe(`runs "${run}"`);
    // A project tool's `run` is a wrapper, like `env`: the command is what it runs.
    expect(finds("poetry run pytest -q")).toBe('runs "pytest -q"');
    expect(finds("uv run pytest")).toBe('runs "pytest"');
    expect(finds("pipenv run python -m pytest")).toBe('runs "python -m pytest"');
    // Building while skipping the tests is not testing.
    for (const run of ["mvn -B package -DskipTests", "./gradlew build -x test", "mvn install -Dmaven.test.skip=true"])
      expect(finds(run), run).toBeUndefined();
  });

  it("finds the tests Gradle's build action runs through its arguments (GitHub's documented Gradle workflow)", () => {
    const gradle = (args: string): Job => ({
      ...job({}),
      steps: [{ place: { file: "ci.yml", line: 2 }, uses: "gradle/gradle-build-action@v2", with: { arguments: args } }],
    });
    expect(testEvidence(gradle("build"), [])).toBe('uses gradle/gradle-build-action with arguments "build"');
    expect(testEvidence(gradle(":app:test --info"), [])).toBe(
      'uses gradle/gradle-build-action with arguments ":app:test --info"',
    );
    expect(testEvidence(gradle("build -x test"), [])).toBeUndefined();
    expect(testEvidence(gradle("assembleRelease"), [])).toBeUndefined();
  });

  it("finds deploys that an action's input asks for: Pulumi's command up, the Serverless action's args deploy", () => {
    const using = (uses: string, inputs: Record<string, string>): Job => ({
      ...job({}),
      steps: [{ place: { file: "ci.yml", line: 2 }, uses, with: inputs }],
    });
    expect(deployEvidence(using("pulumi/actions@v5", { command: "up", "stack-name": "prod" }), [])).toBe(
      "uses pulumi/actions with command: up",
    );
    expect(deployEvidence(using("pulumi/actions@v5", { command: "preview" }), [])).toBeUndefined();
    expect(deployEvidence(using("serverless/github-action@v3.2", { args: "deploy --stage prod" }), [])).toBe(
      "uses serverless/github-action with args: deploy --stage prod",
    );
  });

  it("finds the deploy commands of AWS tools beyond ECS: SAM, Elastic Beanstalk, CDK through a package manager", () => {
    const finds = (run: string) => deployEvidence(job({ run }), []);
    for (const run of [
      "sam deploy --no-confirm-changeset --no-fail-on-empty-changeset",
      "eb deploy production",
      "yarn cdk deploy --all",
      "pnpm cdk deploy",
      "npx aws-cdk deploy --require-approval never",
      "cdktf deploy --auto-approve",
      "terragrunt run-all apply --terragrunt-non-interactive",
      "fly deploy --remote-only",
    ])
      expect(finds(run), run).toBe(`runs "${run}"`);
    expect(finds("sam build")).toBeUndefined();
    // Actions named for deploying (Azure's, Google's), as GitHub's starter workflows use them.
    expect(deployEvidence(job({ uses: "azure/webapps-deploy@v3" }), [])).toBe("uses azure/webapps-deploy");
    expect(deployEvidence(job({ uses: "google-github-actions/deploy-cloudrun@v2" }), [])).toBe(
      "uses google-github-actions/deploy-cloudrun",
    );
    expect(deployEvidence(job({ uses: "./.github/actions/deploy" }), [])).toBe("uses ./.github/actions/deploy");
    expect(deployEvidence(job({ uses: "actions/upload-artifact@v4" }), [])).toBeUndefined();
  });

  it("a job calling another repository's reusable workflow is what that workflow's file name says", () => {
    const calling = (uses: string): Job => ({
      id: "release",
      place: { file: "ci.yml", line: 1 },
      needs: [],
      steps: [],
      uses,
    });
    expect(deployEvidence(calling("acme/platform/.github/workflows/ecs-deploy.yml@v2"), [])).toBe(
      "calls acme/platform/.github/workflows/ecs-deploy.yml@v2",
    );
    expect(testEvidence(calling("acme/platform/.github/workflows/node-tests.yaml@main"), [])).toBe(
      "calls acme/platform/.github/workflows/node-tests.yaml@main",
    );
    expect(deployEvidence(calling("acme/platform/.github/workflows/build.yml@v2"), [])).toBeUndefined();
    expect(testEvidence(calling("acme/platform/.github/workflows/latest.yml@v2"), [])).toBeUndefined();
    expect(deployEvidence(job({ uses: "aws-actions/amazon-ecs-render-task-definition@v1" }), [])).toBeUndefined();
  });

  it("joins a command continued over lines with backslashes", () => {
    expect(
      deployEvidence(
        job({ run: "aws ecs update-service \\\n  --cluster prod \\\n  --service api --force-new-deployment\n" }),
        [],
      ),
    ).toBe('runs "aws ecs update-service --cluster prod --service api --force-new-deployment"');
    // ...and finds the test command a container runs.
    expect(testEvidence(job({ run: "docker compose run --rm \\\n  -e CI=true \\\n  app npm test\n" }), [])).toBe(
      'runs "docker compose run --rm -e CI=true app npm test"',
    );
    expect(testEvidence(job({ run: "docker run --rm -v $PWD:/src acme/ci:3 pytest -q" }), [])).toBe(
      'runs "docker run --rm -v $PWD:/src acme/ci:3 pytest -q"',
    );
    expect(testEvidence(job({ run: "docker build -t app ." }), [])).toBeUndefined();
  });

  it("finds deploys by command, AWS action, environment or name", () => {
    expect(deployEvidence(job({ run: "npx cdk deploy --all --require-approval never" }), [])).toBe(
      'runs "npx cdk deploy --all --require-approval never"',
    );
    expect(
      deployEvidence(job({ run: "aws ecs update-service --cluster c --service s --force-new-deployment" }), []),
    ).toMatch(/^runs "aws ecs update-service/);
    expect(deployEvidence(job({ uses: "aws-actions/amazon-ecs-deploy-task-definition@v2" }), [])).toBe(
      "uses aws-actions/amazon-ecs-deploy-task-definition",
    );
    expect(deployEvidence(job({ run: "./release.sh", environment: "production" }), [])).toBe(
      "deploys to environment production",
    );
    expect(deployEvidence(job({ id: "deploy-prod", run: "./release.sh" }), [])).toBe('is named "deploy-prod"');
    expect(deployEvidence(job({ run: "npm test" }), [])).toBeUndefined();
  });
});
