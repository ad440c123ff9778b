import {
  type ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  type ConfigurationItem as HistoryItem,
  type ResourceType,
} from "@aws-sdk/client-config-service";
import { type ConfigurationItem, parseConfigurationItem } from "../checklist/adapters/config-item/item";
import { translateSdkError } from "../checklist/adapters/live/errors";
import { ConfigHistoryError } from "./errors";
import type { ItemSummary } from "./event";

/**
 * The latest configuration item of a resource whose change notification was too large to carry
 * it (`OversizedConfigurationItemChangeNotification`). GetResourceConfigHistory returns the newest
 * item first; its `configuration` and `supplementaryConfiguration` values are JSON strings, which
 * the item parser decodes.
 */
export const fetchLatestConfigurationItem = async (
  client: ConfigServiceClient,
  summary: ItemSummary,
): Promise<ConfigurationItem> => {
  let latest: HistoryItem | undefined;
  try {
    const response = await client.send(
      new GetResourceConfigHistoryCommand({
        resourceType: summary.resourceType as ResourceType,
        resourceId: summary.resourceId,
        limit: 1,
        chronologicalOrder: "Reverse",
      }),
    );
    latest = response.configurationItems?.[0];
  } catch (error) {
    const translated = translateSdkError(error, "config:GetResourceConfigHistory");
    const message = translated instanceof Error ? `${translated.name}: ${translated.message}` : String(translated);
    throw new ConfigHistoryError(
      `GetResourceConfigHistory failed for ${summary.resourceType} ${summary.resourceId}: ${message}`,
      { cause: error },
    );
  }
  if (!latest)
    throw new ConfigHistoryError(
      `AWS Config has no configuration history for ${summary.resourceType} ${summary.resourceId}`,
    );
  try {
    return parseConfigurationItem({ ...latest, resourceType: latest.resourceType ?? summary.resourceType });
  } catch (error) {
    throw new ConfigHistoryError(
      `the history item of ${summary.resourceType} ${summary.resourceId} is unreadable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
};
