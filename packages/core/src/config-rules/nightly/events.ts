import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import { ReadinessError } from "../../kernel/errors";
import type { StatusChange } from "./changes";

export const CHANGE_EVENT_SOURCE = "readiness";
export const CHANGE_EVENT_DETAIL_TYPE = "Readiness Item Status Change";

/** PutEvents takes at most 10 entries per call. */
const PUT_EVENTS_LIMIT = 10;
/** Entries EventBridge refused (throttled, internal failure) are sent again this many times. */
const MAX_ATTEMPTS = 3;

/** Some change events could not be put on the bus: the run fails (and is retried, then dead-lettered). */
export class ChangeEventsError extends ReadinessError {}

/** The event of one change: on the default bus, about the service, with the change as its detail. */
export const changeEventEntry = (change: StatusChange, eventBusName: string): PutEventsRequestEntry => ({
  Source: CHANGE_EVENT_SOURCE,
  DetailType: CHANGE_EVENT_DETAIL_TYPE,
  EventBusName: eventBusName,
  Resources: [change.service],
  Detail: JSON.stringify({
    service: change.service,
    serviceName: change.serviceName,
    item: change.item,
    from: change.from,
    to: change.to,
    reason: change.reason,
    snapshotDate: change.snapshotDate,
    previousDate: change.previousDate,
  }),
});

/**
 * Puts one event per change, 10 per PutEvents call; entries EventBridge refuses are sent again
 * (up to MAX_ATTEMPTS), and those still refused fail the run naming their items.
 */
export const emitStatusChanges = async (
  events: EventBridgeClient,
  eventBusName: string,
  changes: readonly StatusChange[],
): Promise<number> => {
  let calls = 0;
  for (let start = 0; start < changes.length; start += PUT_EVENTS_LIMIT) {
    let pending = changes.slice(start, start + PUT_EVENTS_LIMIT);
    let refusal = "";
    for (let attempt = 1; pending.length > 0 && attempt <= MAX_ATTEMPTS; attempt++) {
      calls++;
      let response: PutEventsCommandOutput;
      try {
        response = await events.send(
          new PutEventsCommand({ Entries: pending.map((change) => changeEventEntry(change, eventBusName)) }),
        );
      } catch (error) {
        throw new ChangeEventsError(
          `could not put ${pending.length} status-change events on bus ${eventBusName}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      const entries = response.Entries ?? [];
      const refused = pending.filter((_, index) => entries[index]?.ErrorCode);
      refusal = entries
        .filter((entry) => entry.ErrorCode)
        .map((entry) => `${entry.ErrorCode} ${entry.ErrorMessage ?? ""}`.trim())
        .join("; ");
      pending = refused;
    }
    if (pending.length > 0)
      throw new ChangeEventsError(
        `bus ${eventBusName} refused the status-change events of ${pending.map((c) => `${c.serviceName} ${c.item}`).join(", ")} after ${MAX_ATTEMPTS} attempts: ${refusal}`,
      );
  }
  return calls;
};
