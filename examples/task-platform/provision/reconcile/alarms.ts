import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { matches } from "../compare";
import { ensure, type ProvisionContext } from "../context";
import { resourcesOfType } from "../template";

/** Name of an alarm the provisioner creates for a template alarm without an AlarmName. */
export const alarmName = (stackName: string, logicalId: string): string => `${stackName}-${logicalId}`;

/** CloudWatch alarms, last: their dimensions name queues, services and load balancers. */
export const reconcileAlarms = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const alarm of resourcesOfType(context.template, "AWS::CloudWatch::Alarm")) {
    const properties = await resolver.value(alarm.properties);
    const name =
      resolver.facts.physical.get(alarm.logicalId) ??
      (typeof alarm.properties.AlarmName === "string"
        ? alarm.properties.AlarmName
        : alarmName(resolver.facts.stackName, alarm.logicalId));
    const desired = { ...(properties as PutMetricAlarmCommandInput), AlarmName: name };
    await ensure(context, {
      resource: alarm.logicalId,
      property: "Alarm",
      desired,
      read: async () =>
        (await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0],
      isRight: (actual) => matches(desired, actual),
      apply: async () => {
        await clients.cloudwatch.send(new PutMetricAlarmCommand(desired));
      },
      action: "PutMetricAlarm",
    });
    resolver.facts.physical.set(alarm.logicalId, name);
  }
};
