import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DocumentVerdictStore } from "@readiness/core/kernel/results/documents";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { EXAMPLE_PLATFORM_FILES } from "@readiness/example-task-platform/files";
import { EXAMPLE_SERVICE_FILES } from "@readiness/example-task-service/files";
import { beforeAll, describe, expect, it } from "vitest";
import { createResultsTable } from "../gate/tables";
import { readiness } from "./helpers";

/**
 * `readiness publish` (the real bin) into a results table on the emulator, on a machine with no
 * AWS setup: like check --live, a loopback --endpoint-url gets the emulator's test credentials.
 */
const emulator = useEmulator();
const TABLE = "readiness-results";
// No credentials, no profile: what a laptop without AWS set up has.
const NO_AWS = { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "", AWS_REGION: "" };

beforeAll(async () => createResultsTable(new DynamoDBClient(emulator.clientConfig()), TABLE));

describe("readiness publish to the emulator", () => {
  it("Compliance: stores the example team's verdicts without AWS credentials configured (loopback endpoint)", async () => {
    const result = await readiness(
      [
        "publish",
        "--template",
        EXAMPLE_PLATFORM_FILES.compliantTemplate,
        "--config",
        EXAMPLE_SERVICE_FILES.config,
        "--results-table",
        TABLE,
        "--endpoint-url",
        emulator.emulator.endpoint,
        "--region",
        "us-east-1",
      ],
      { env: NO_AWS },
    );
    expect(result.stderr).toMatch(/^published \d+ document verdicts to readiness-results$/m);
    expect(result.code).toBe(0);
    const store = new DocumentVerdictStore(ResultsTable.on(new DynamoDBClient(emulator.clientConfig()), TABLE));
    expect(await store.latest("task-platform/task-api", "oncall")).toMatchObject({ status: "pass" });
  });
});
