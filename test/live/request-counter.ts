import type {
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeMiddleware,
  MetadataBearer,
} from "@smithy/types";
import type { LiveClients } from "@readiness/core/checklist/adapters/live/index";

/** Counts the requests each command sends (retries not included), by command name. */
export function countRequests(clients: LiveClients): Map<string, number> {
  const counts = new Map<string, number>();
  for (const client of Object.values(clients)) {
    if (typeof client !== "object" || !("middlewareStack" in client)) continue;
    const counter: InitializeMiddleware<object, MetadataBearer> =
      (next: InitializeHandler<object, MetadataBearer>, context) =>
      async (args: InitializeHandlerArguments<object>) => {
        const name = String(context.commandName);
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return next(args);
      };
    client.middlewareStack.add(counter, { step: "initialize", name: "readinessRequestCounter" });
  }
  return counts;
}
