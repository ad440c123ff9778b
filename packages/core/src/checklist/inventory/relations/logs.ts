import type { Resource } from "../../model/resource";
import { asRecord, isUnknown, type UnknownValue } from "../../model/value";
import type { Inventory } from "../inventory";
import { containersOf } from "./ecs";

export const LOG_GROUP = "AWS::Logs::LogGroup";

export interface ContainerLogGroup {
  readonly container: string;
  /** The awslogs-group option as written (a name, a Ref, or an UnknownValue). */
  readonly group: unknown;
  /** The log group resource it names; undefined when it names nothing in the inventory. */
  readonly resource: Resource | undefined;
  /** awslogs-create-group "true": the driver creates the group (with no retention) when it is missing. */
  readonly createdByDriver: boolean;
}

/** The awslogs log groups the containers of a task definition write to. */
export const containerLogGroups = (
  inventory: Inventory,
  taskDefinition: Resource,
): readonly ContainerLogGroup[] | UnknownValue => {
  const containers = containersOf(taskDefinition);
  if (isUnknown(containers)) return containers;
  return containers.flatMap(({ name, definition }) => {
    const logging = asRecord(definition.LogConfiguration);
    if (logging.LogDriver !== "awslogs") return [];
    const options = asRecord(logging.Options);
    const group = options["awslogs-group"];
    const found = inventory.lookupOfType(group, LOG_GROUP);
    const created = options["awslogs-create-group"];
    return [
      {
        container: name,
        group,
        resource: found && !isUnknown(found) ? found : undefined,
        createdByDriver: created === "true" || created === true,
      },
    ];
  });
};

export const logGroupNameOf = (group: Resource): string => {
  const declared = group.properties.LogGroupName;
  return typeof declared === "string" ? declared : group.id;
};
