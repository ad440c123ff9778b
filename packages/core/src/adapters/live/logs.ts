import { type LogGroup, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { Api, LiveRun } from "./run";
import { aliasesOf, defined } from "./shape";

export const LOG_GROUP = "AWS::Logs::LogGroup";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeLogGroups: { action: "logs:DescribeLogGroups", types: [LOG_GROUP] },
} satisfies Record<string, Api>;

export async function collectLogGroups(clients: LiveClients, run: LiveRun): Promise<void> {
  const read = await run.readAll(
    api.describeLogGroups,
    paginateDescribeLogGroups({ client: clients.logs }, {}),
    (p) => p.logGroups,
  );
  if (read.ok) for (const group of read.value) run.add(logGroupResource(group));
  run.progress("log groups", read.ok ? read.value.length : 0);
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
