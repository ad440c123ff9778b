import { describe, expect, it } from "vitest";
import { checkFixtureItem } from "@readiness/devkit/fixtures/templates";

describe("dlq-coverage on queues other services dead-letter into, from a template in CDK's shape", () => {
  it("Given queues named by a DeadLetterConfig, an on-failure destination, an EventBridge target and an SNS RedrivePolicy, Then each is judged as a DLQ", async () => {
    const { findings } = await checkFixtureItem("dead-letters.json", "dlq-coverage");
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
