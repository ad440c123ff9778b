import { type LogGroup, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, defined } from "./shape";
import { LOG_GROUP, api } from "./logs.api";

export { LOG_GROUP } from "./logs.api";

export async function collectLogGroups(clients: LiveClients, run: LiveRun): Promise<void> {
  const pages = paginateDescribeLogGroups({ client: clients.logs }, {});
  await run.collectListing("log groups", api.describeLogGroups, pages, (p) => p.logGroups, logGroupResource);
}

/** The API's `arn` ends in ":*"; `logGroupArn` (newer) does not. Task definitions name the group. */
export const logGroupResource = (group: LogGroup): Resource => {
  const arn = group.logGroupArn ?? group.arn?.replace(/:\*$/, "");
  return {
    id: arn ?? group.logGroupName!,
    type: LOG_GROUP,
    aliases: aliasesOf(arn, group.arn, group.logGroupName),
    properties: defined({
      LogGroupName: group.logGroupName,
      RetentionInDays: group.retentionInDays,
      KmsKeyId: group.kmsKeyId,
      LogGroupClass: group.logGroupClass,
    }),
    observed: defined({ storedBytes: group.storedBytes, dataProtectionStatus: group.dataProtectionStatus }),
  };
};
