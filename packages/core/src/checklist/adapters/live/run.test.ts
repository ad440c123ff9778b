import { describe, expect, it } from "vitest";
import { resource } from "@readiness/devkit/testing/builders";
import { LiveRun } from "./run";

const QUEUE_B = resource("AWS::SQS::Queue", "arn:aws:sqs:us-east-1:123456789012:b");
const QUEUE_A = resource("AWS::SQS::Queue", "arn:aws:sqs:us-east-1:123456789012:a");
const TABLE = resource("AWS::DynamoDB::Table", "arn:aws:dynamodb:us-east-1:123456789012:table/t");

const collectedIn = (order: readonly (typeof QUEUE_A)[]): string[] => {
  const run = new LiveRun(1, "http://emulator");
  for (const r of order) run.add(r);
  return run.collected().map((r) => r.id);
};

describe("LiveRun.collected", () => {
  it("gives the same order whatever order concurrent collectors finished in (type, then id)", () => {
    const expected = [TABLE.id, QUEUE_A.id, QUEUE_B.id];
    expect(collectedIn([QUEUE_B, TABLE, QUEUE_A])).toEqual(expected);
    expect(collectedIn([QUEUE_A, QUEUE_B, TABLE])).toEqual(expected);
    expect(collectedIn([TABLE, QUEUE_B, QUEUE_A])).toEqual(expected);
  });
});
