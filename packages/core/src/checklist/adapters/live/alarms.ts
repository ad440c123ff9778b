import { type MetricAlarm, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { defined, identifiedBy } from "./shape";
import { ALARM, api } from "./alarms.api";

export { ALARM } from "./alarms.api";

export async function collectAlarms(clients: LiveClients, run: LiveRun): Promise<void> {
  const pages = paginateDescribeAlarms({ client: clients.cloudWatch }, {});
  await run.collectListing("cloudwatch alarms", api.describeAlarms, pages, (p) => p.MetricAlarms, alarmResource);
}

const alarmResource = (alarm: MetricAlarm): Resource => ({
  ...identifiedBy(ALARM, alarm.AlarmArn, alarm.AlarmName),
  properties: defined({
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription,
    Namespace: alarm.Namespace,
    MetricName: alarm.MetricName,
    Dimensions: alarm.Dimensions?.map((d) => ({ Name: d.Name, Value: d.Value })),
    Statistic: alarm.Statistic,
    ExtendedStatistic: alarm.ExtendedStatistic,
    Period: alarm.Period,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm,
    Threshold: alarm.Threshold,
    ComparisonOperator: alarm.ComparisonOperator,
    TreatMissingData: alarm.TreatMissingData,
    ActionsEnabled: alarm.ActionsEnabled,
    AlarmActions: alarm.AlarmActions,
    OKActions: alarm.OKActions,
    InsufficientDataActions: alarm.InsufficientDataActions,
    Metrics: alarm.Metrics,
  }),
  observed: defined({ stateValue: alarm.StateValue }),
});
