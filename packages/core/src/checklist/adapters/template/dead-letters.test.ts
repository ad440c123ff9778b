import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../check/check-template";
import { DEFAULT_CONFIG } from "../../config/schema";
import { fixture } from "@readiness/devkit/fixtures/templates";

describe("dlq-coverage on queues other services dead-letter into, from a template in CDK's shape", () => {
  it("Given queues named by a DeadLetterConfig, an on-failure destination, an EventBridge target and an SNS RedrivePolicy, Then each is judged as a DLQ", async () => {
    const { report } = await checkTemplate({
      path: fixture("dead-letters.json"),
      config: DEFAULT_CONFIG,
      only: ["dlq-coverage"],
    });
    const findings = Object.fromEntries(report.items[0]!.findings.map((f) => [f.resource, [f.status, f.reason]]));
    expect(findings).toEqual({
      AsyncDeadLetters: ["pass", "DLQ AsyncDeadLetters is consumed by event source mapping ProcessAsyncDeadLetters"],
      OnFailureQueue: ["pass", "DLQ OnFailureQueue is consumed by event source mapping ProcessOnFailureQueue"],
      UndeliveredEvents: ["pass", "DLQ UndeliveredEvents is consumed by event source mapping ProcessUndeliveredEvents"],
      // A DLQ nothing consumes fails as a DLQ, not as a source queue without a RedrivePolicy.
      UndeliveredNotifications: [
        "fail",
        "DLQ UndeliveredNotifications has no consumer (no event source mapping or DLQ processor)",
      ],
    });
  });
});
