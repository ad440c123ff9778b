/*
 * PutEvents' partial refusals: EventBridge answers 200 with FailedEntryCount and an ErrorCode per
 * refused entry (throttling, internal failure). moto accepts every entry, so this path is covered
 * with aws-sdk-client-mock; the mock refuses what the real API refuses (more than 10 entries per
 * call) and answers entries in request order, as PutEvents does. The happy path runs against moto
 * in test/nightly/nightly.emulator.test.ts.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import type { StatusChange } from "./changes";
import { ChangeEventsError, emitStatusChanges } from "./events";

const client = new EventBridgeClient({ region: "us-east-1" });
const bus = mockClient(client);
afterEach(() => bus.reset());

const change = (n: number): StatusChange => ({
  service: "arn:aws:ecs:us-east-1:123456789012:service/prod/api",
  serviceName: "api",
  item: "log-retention",
  from: "fail",
  to: "pass",
  reason: `change ${n}`,
  snapshotDate: "2026-12-02",
  previousDate: "2026-12-01",
});

/** PutEvents as AWS answers it: at most 10 entries, `refuse` decides which entries fail. */
const answer = (refuse: (entry: PutEventsRequestEntry, call: number) => boolean) => {
  let call = 0;
  bus.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    call++;
    if (input.Entries.length > 10) throw Object.assign(new Error("too many entries"), { name: "ValidationException" });
    const entries = input.Entries.map((entry) =>
      refuse(entry, call) ? { ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" } : { EventId: "e" },
    );
    return { FailedEntryCount: entries.filter((e) => "ErrorCode" in e).length, Entries: entries };
  });
};

const reasonsSent = () =>
  bus
    .commandCalls(PutEventsCommand)
    .map((c) => c.args[0].input.Entries?.map((e) => JSON.parse(e.Detail ?? "{}").reason));

describe("emitStatusChanges", () => {
  it("Compliance: 23 changes go out 10, 10 and 3 per call, each a readiness Item Status Change about its service", async () => {
    answer(() => false);
    expect(
      await emitStatusChanges(
        client,
        "default",
        Array.from({ length: 23 }, (_, i) => change(i)),
      ),
    ).toBe(3);
    expect(reasonsSent().map((r) => r?.length)).toEqual([10, 10, 3]);
    const [first] = bus.commandCalls(PutEventsCommand)[0].args[0].input.Entries ?? [];
    expect(first).toMatchObject({
      Source: "readiness",
      DetailType: "Readiness Item Status Change",
      EventBusName: "default",
      Resources: [change(0).service],
    });
  });

  it("Compliance: entries refused once are sent again, alone", async () => {
    answer((entry, call) => call === 1 && JSON.parse(entry.Detail ?? "{}").reason === "change 1");
    await emitStatusChanges(client, "default", [change(0), change(1), change(2)]);
    expect(reasonsSent()).toEqual([["change 0", "change 1", "change 2"], ["change 1"]]);
  });

  it("Noncompliance: an entry refused three times fails the run, naming the service and item and the refusal", async () => {
    answer((entry) => JSON.parse(entry.Detail ?? "{}").reason === "change 1");
    const run = emitStatusChanges(client, "default", [change(0), change(1)]);
    await expect(run).rejects.toThrow(ChangeEventsError);
    await expect(run).rejects.toThrow(
      "bus default refused the status-change events of api log-retention after 3 attempts: ThrottlingException Rate exceeded",
    );
    expect(reasonsSent()).toEqual([["change 0", "change 1"], ["change 1"], ["change 1"]]);
  });

  it("Noncompliance: a call that fails outright (denied, no network) fails the run with the SDK's error as its cause", async () => {
    bus.on(PutEventsCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" }));
    await expect(emitStatusChanges(client, "default", [change(0)])).rejects.toThrow(
      "could not put 1 status-change events on bus default: not authorized",
    );
  });

  it("Compliance: no change, no call", async () => {
    answer(() => false);
    expect(await emitStatusChanges(client, "default", [])).toBe(0);
    expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
