import { type ConfigResourceKey, configResourceKeyOf } from "../checklist/adapters/config-item/identity";
import { type ConfigurationItem, isGone } from "../checklist/adapters/config-item/item";
import { resourceFromConfigItem } from "../checklist/adapters/config-item/resource";
import type { Resource } from "../checklist/model/resource";
import { collectOrDegrade } from "./collect";
import { fetchLatestConfigurationItem } from "./config-history";
import { configEvaluationsOf, pendingEvaluation } from "./evaluate";
import { type Evaluation, evaluationKey } from "./evaluation";
import type { ItemSummary, Notification } from "./event";
import { relatedSubjects, withNotifiedResource } from "./inventory";
import { evaluateOver, notApplicable, type RunContext } from "./run";

type ChangeNotification = Exclude<Notification, { kind: "scheduled" }>;

/** The notified resource's current item, or why there is none to evaluate. */
type Notified = { readonly item: ConfigurationItem } | { readonly gone: string };

/**
 * Evaluates a change (or oversized change) notification: NOT_APPLICABLE when the resource left
 * the rule's scope, was deleted or is not recorded; otherwise the notified item, put into the live
 * inventory, is evaluated with the item's rules.
 */
export const evaluateChangeNotification = async (
  ctx: RunContext,
  notification: ChangeNotification,
): Promise<Evaluation[]> => {
  const summary = notification.kind === "change" ? notification.item : notification.summary;
  const key: ConfigResourceKey = { resourceType: summary.resourceType, resourceId: summary.resourceId };
  ctx.deps.log.appendKeys({ resourceType: key.resourceType, resourceId: key.resourceId });
  const fallbackTime = ctx.event.notificationTime ?? ctx.now;
  if (ctx.event.eventLeftScope) {
    const at = notification.kind === "change" ? captureTime(notification.item) : undefined;
    return [notApplicable(ctx, key, "resource left the rule's scope", at ?? fallbackTime)];
  }
  const notified = await notifiedItem(ctx, notification);
  if ("gone" in notified) return [notApplicable(ctx, key, `resource ${notified.gone}`, fallbackTime)];
  return evaluateNotifiedItem(ctx, notified.item, key, captureTime(notified.item) ?? fallbackTime);
};

const goneReason = (status: string): string =>
  status === "ResourceNotRecorded" ? "is not recorded by AWS Config" : `was deleted (${status})`;

const notifiedItem = async (ctx: RunContext, notification: ChangeNotification): Promise<Notified> => {
  const status = (n: Pick<ItemSummary, "configurationItemStatus">): Notified => ({
    gone: goneReason(n.configurationItemStatus),
  });
  if (notification.kind === "change") {
    const { item } = notification;
    return isGone(item) || item.configuration === null ? status(item) : { item };
  }
  if (isGone(notification.summary)) return status(notification.summary);
  ctx.deps.log.info("oversized configuration item: fetching it with GetResourceConfigHistory");
  const item = await fetchLatestConfigurationItem(ctx.deps.config, notification.summary);
  return isGone(item) || item.configuration === null ? status(item) : { item };
};

const captureTime = (item: Pick<ConfigurationItem, "configurationItemCaptureTime">): Date | undefined => {
  const time = item.configurationItemCaptureTime ? new Date(item.configurationItemCaptureTime) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : undefined;
};

/**
 * A subject of the item's rules is evaluated itself. A resource the rules only read (a subnet, a
 * flow log) re-evaluates the subjects connected to it and is itself NOT_APPLICABLE.
 */
const evaluateNotifiedItem = async (
  ctx: RunContext,
  item: ConfigurationItem,
  key: ConfigResourceKey,
  at: Date,
): Promise<Evaluation[]> => {
  if (ctx.rules.length === 0) return [pendingEvaluation(ctx.item, key, at)];
  const notified = resourceFromConfigItem(item);
  const cluster = notified.properties.Cluster;
  const collected = await collectOrDegrade(ctx, typeof cluster === "string" ? [cluster] : []);
  const inventory = withNotifiedResource(collected.inventory, notified);
  const keyOf = (resource: Resource): ConfigResourceKey =>
    resource === notified ? key : configResourceKeyOf(resource);
  const subjectTypes = new Set(ctx.rules.flatMap((rule) => rule.resourceTypes));
  const evaluate = async (subjects: readonly Resource[]) =>
    configEvaluationsOf(await evaluateOver(ctx, inventory, collected, subjects), { at, keyOf });
  if (subjectTypes.has(notified.type)) return evaluate([notified]);
  const related = relatedSubjects(inventory, notified, subjectTypes);
  const evaluations = await evaluate(related);
  if (evaluations.some((e) => evaluationKey(e) === evaluationKey(key))) return evaluations;
  const what = [...subjectTypes].join(", ");
  const reason = related.length
    ? `${ctx.item.id} evaluates ${what}; re-evaluated the ${related.length} related to this resource`
    : `${ctx.item.id} evaluates ${what}; none relates to this resource`;
  return [...evaluations, notApplicable(ctx, key, reason, at)];
};
