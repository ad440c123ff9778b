import {
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  type Rule,
  type Target,
} from "@aws-sdk/client-eventbridge";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { mapBounded } from "./semaphore";
import { aliasesOf, defined } from "./shape";
import { EVENTS_RULE, api } from "./events.api";

export { EVENTS_RULE } from "./events.api";

/** EventBridge's SDK has no paginators: NextToken is followed by hand, one request per page. */
async function* pagesOf<Page extends { NextToken?: string }>(
  request: (token: string | undefined) => Promise<Page>,
): AsyncGenerator<Page> {
  let token: string | undefined;
  do {
    const page = await request(token);
    yield page;
    token = page.NextToken;
  } while (token);
}

/** Every rule of every event bus, with its targets (a target's DeadLetterConfig names a DLQ). */
export async function collectEventRules(clients: LiveClients, run: LiveRun): Promise<void> {
  const buses = await run.readAll(
    api.listEventBuses,
    pagesOf((NextToken) => clients.events.send(new ListEventBusesCommand({ NextToken }))),
    (p) => p.EventBuses,
  );
  if (!buses.ok) return;
  const names = buses.value.flatMap((bus) => (bus.Name ? [bus.Name] : []));
  const perBus = await mapBounded(names, run.concurrency, (EventBusName) =>
    run.readAll(
      api.listRules,
      pagesOf((NextToken) => clients.events.send(new ListRulesCommand({ EventBusName, NextToken }))),
      (p) => p.Rules,
    ),
  );
  const rules = perBus.flatMap((read) => (read.ok ? read.value : []));
  await run.forEach("event rules", rules, async (rule) => {
    const targets = await run.readAll(
      api.listTargetsByRule,
      pagesOf((NextToken) =>
        clients.events.send(
          new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: rule.EventBusName, NextToken }),
        ),
      ),
      (p) => p.Targets,
    );
    // The type is unreadable when targets fail; the rule itself is still known.
    run.add(eventRuleResource(rule, targets.ok ? targets.value : undefined));
  });
}

/** The API gives EventPattern as a JSON string, CloudFormation as an object. */
const eventPattern = (pattern: string | undefined): unknown => {
  if (pattern === undefined) return undefined;
  try {
    return JSON.parse(pattern) as unknown;
  } catch {
    return unknownValue("EventPattern is not valid JSON");
  }
};

/** Targets are already in CloudFormation's PascalCase shape (Id, Arn, DeadLetterConfig.Arn, RetryPolicy). */
export const eventRuleResource = (rule: Rule, targets: readonly Target[] | undefined): Resource => ({
  id: rule.Arn ?? `${rule.EventBusName ?? "default"}/${rule.Name}`,
  type: EVENTS_RULE,
  aliases: aliasesOf(rule.Arn, rule.EventBusName === "default" || !rule.EventBusName ? rule.Name : undefined),
  properties: defined({
    Name: rule.Name,
    EventBusName: rule.EventBusName,
    State: rule.State,
    Description: rule.Description,
    EventPattern: eventPattern(rule.EventPattern),
    ScheduleExpression: rule.ScheduleExpression,
    RoleArn: rule.RoleArn,
    Targets: targets
      ? targets.map((target) => defined({ ...target }))
      : unknownValue("the rule's targets could not be read"),
  }),
});
