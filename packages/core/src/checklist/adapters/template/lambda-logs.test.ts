import { describe, expect, it } from "vitest";
import { checkFixtureItem } from "@readiness/devkit/fixtures/templates";

describe("log-retention on Lambda functions, from a template in CDK's shape", () => {
  it("Given logRetention's Custom::LogRetention on /aws/lambda/<Ref fn>, a LoggingConfig group and a function with neither, Then each function's group is judged", async () => {
    const { item, findings } = await checkFixtureItem("lambda-logs.json", "log-retention");
    expect(findings).toEqual({
      Worker: ["pass", "function Worker's log group /aws/lambda/Worker (set by WorkerLogRetention) keeps logs 30 days"],
      LogRetentionProvider: [
        "fail",
        "function LogRetentionProvider logs to /aws/lambda/LogRetentionProvider, which nothing gives a retention: Lambda creates it on first use and it never expires",
      ],
      // Api's group is a declared log group in scope: judged once, on its own.
      ApiLogs: ["pass", "log group /app/api keeps logs 14 days"],
    });
    expect(item.status).toBe("fail");
  });
});
