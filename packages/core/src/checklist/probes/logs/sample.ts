import { type CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { LiveApiError, LiveReadError, translateSdkError } from "../../adapters/live/errors";
import { FILTER_LOG_EVENTS_ACTION } from "../actions";

/** How much of a log group to read: at most `sampleSize` events from the last `windowMinutes` before `now`. */
export interface SampleWindow {
  readonly sampleSize: number;
  readonly windowMinutes: number;
  readonly now: Date;
}

export type LogSample =
  | { readonly ok: true; readonly messages: readonly string[] }
  | { readonly ok: false; readonly error: LiveReadError };

/** FilterLogEvents' own ceiling on `limit` per page. */
export const MAX_PAGE_LIMIT = 10_000;
/**
 * Pages may come back partly full or empty while a `nextToken` says there is more (the API scans a
 * time-bounded slice of the streams per call); a bounded number of them keeps the probe bounded.
 */
const MAX_PAGES = 20;

/**
 * Reads up to `sampleSize` events of a log group from the window, following `nextToken` over
 * partial pages. FilterLogEvents returns events oldest first, so the sample is the window's
 * earliest events up to the count. A denied call, an endpoint without the API or a missing group
 * comes back as a typed read error; no network or no credentials is thrown (it ends the run).
 */
export async function sampleLogGroup(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  window: SampleWindow,
): Promise<LogSample> {
  const messages: string[] = [];
  const endTime = window.now.getTime();
  const startTime = endTime - window.windowMinutes * 60_000;
  let nextToken: string | undefined;
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await logs.send(
        new FilterLogEventsCommand({
          logGroupName,
          startTime,
          endTime,
          limit: Math.min(window.sampleSize - messages.length, MAX_PAGE_LIMIT),
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      for (const event of answer.events ?? [])
        if (typeof event.message === "string" && messages.length < window.sampleSize) messages.push(event.message);
      if (messages.length >= window.sampleSize || !answer.nextToken) return { ok: true, messages };
      if (answer.nextToken === nextToken)
        return {
          ok: false,
          error: new LiveApiError(FILTER_LOG_EVENTS_ACTION, `the same nextToken came back twice for ${logGroupName}`),
        };
      nextToken = answer.nextToken;
    }
    return { ok: true, messages };
  } catch (error) {
    const translated = translateSdkError(error, FILTER_LOG_EVENTS_ACTION);
    if (translated instanceof LiveReadError) return { ok: false, error: translated };
    throw translated;
  }
}
