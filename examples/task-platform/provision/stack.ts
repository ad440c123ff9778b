import {
  type CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Parameter,
  type Stack,
  UpdateStackCommand,
} from "@aws-sdk/client-cloudformation";
import { isNotFound, messageOf, ProvisionError } from "./errors";
import type { Ledger } from "./ledger";
import type { PlatformTemplate } from "./template";

const POLL_MS = 250;
const STACK_TIMEOUT_MS = 10 * 60_000;

export interface DeployedStack {
  readonly stackName: string;
  readonly stackId: string;
  readonly accountId: string;
  readonly outputs: Record<string, string>;
  /** Physical ids by logical id, for every resource the endpoint's CloudFormation reports. */
  readonly physical: Map<string, string>;
}

export const describeStack = async (
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> => {
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks?.[0];
    return stack && stack.StackStatus !== "DELETE_COMPLETE" ? stack : undefined;
  } catch (error) {
    if (isNotFound(error) || /does not exist/i.test(messageOf(error))) return undefined;
    throw error;
  }
};

const sameParameters = (stack: Stack, parameters: readonly Parameter[]): boolean =>
  parameters.every((p) =>
    stack.Parameters?.some((q) => q.ParameterKey === p.ParameterKey && q.ParameterValue === p.ParameterValue),
  );

/**
 * Creates the stack, or leaves an existing one alone when its template and parameters are the ones
 * asked for (updating it otherwise). A stack in a failed or unfinished state is an error: the
 * caller should tear it down first.
 */
export const ensureStack = async (
  cloudformation: CloudFormationClient,
  stackName: string,
  template: PlatformTemplate,
  parameters: readonly Parameter[],
  ledger: Ledger,
): Promise<DeployedStack> => {
  const existing = await describeStack(cloudformation, stackName);
  const request = {
    StackName: stackName,
    TemplateBody: template.body,
    Parameters: [...parameters],
    Capabilities: ["CAPABILITY_IAM" as const, "CAPABILITY_NAMED_IAM" as const],
    Tags: [{ Key: "readiness:platform-variant", Value: template.variant }],
  };
  if (!existing) {
    try {
      await cloudformation.send(new CreateStackCommand(request));
    } catch (error) {
      throw new ProvisionError(
        `CreateStack ${stackName} (${template.variant}) failed: ${messageOf(error)}`,
        "tear the stack down (teardownPlatform) and fix the cause before retrying",
        { cause: error },
      );
    }
    ledger.change(stackName, "CreateStack");
    await waitForStack(cloudformation, stackName, "CREATE_COMPLETE");
  } else {
    if (!["CREATE_COMPLETE", "UPDATE_COMPLETE"].includes(existing.StackStatus ?? ""))
      throw new ProvisionError(
        `stack ${stackName} exists in state ${existing.StackStatus} (${existing.StackStatusReason ?? "no reason given"})`,
        "tear it down with teardownPlatform, then provision again",
      );
    const { TemplateBody } = await cloudformation.send(new GetTemplateCommand({ StackName: stackName }));
    if (TemplateBody !== template.body || !sameParameters(existing, parameters)) {
      await cloudformation.send(new UpdateStackCommand(request));
      ledger.change(stackName, "UpdateStack");
      await waitForStack(cloudformation, stackName, "UPDATE_COMPLETE");
    }
  }
  return readStack(cloudformation, stackName);
};

const waitForStack = async (cloudformation: CloudFormationClient, stackName: string, wanted: string): Promise<void> => {
  const deadline = Date.now() + STACK_TIMEOUT_MS;
  for (;;) {
    const stack = await describeStack(cloudformation, stackName);
    const status = stack?.StackStatus ?? "DELETE_COMPLETE";
    if (status === wanted) return;
    if (!status.endsWith("_IN_PROGRESS") || Date.now() > deadline)
      throw new ProvisionError(
        `stack ${stackName} ended in ${status}, not ${wanted}: ${stack?.StackStatusReason ?? (await failureEvents(cloudformation, stackName))}`,
        "see the stack events; tear the stack down before retrying",
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

const failureEvents = async (cloudformation: CloudFormationClient, stackName: string): Promise<string> => {
  try {
    const { StackEvents } = await cloudformation.send(new DescribeStackEventsCommand({ StackName: stackName }));
    const failed = (StackEvents ?? []).filter((e) => e.ResourceStatus?.endsWith("FAILED"));
    return failed.map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`).join("; ") || "no failure events";
  } catch {
    return "no stack events";
  }
};

export const readStack = async (cloudformation: CloudFormationClient, stackName: string): Promise<DeployedStack> => {
  const stack = await describeStack(cloudformation, stackName);
  if (!stack?.StackId) throw new ProvisionError(`stack ${stackName} not found`);
  const { StackResources } = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  const physical = new Map<string, string>();
  // moto lists the types its CloudFormation cannot create with a null (or "None") logical id.
  for (const resource of StackResources ?? [])
    if (resource.LogicalResourceId && resource.LogicalResourceId !== "None" && resource.PhysicalResourceId)
      physical.set(resource.LogicalResourceId, resource.PhysicalResourceId);
  const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? "", o.OutputValue ?? ""]));
  return { stackName, stackId: stack.StackId, accountId: stack.StackId.split(":")[4] ?? "", outputs, physical };
};

/** Deletes the stack and waits; returns the failure reason when the endpoint could not delete it all. */
export const deleteStack = async (
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<string | undefined> => {
  if (!(await describeStack(cloudformation, stackName))) return undefined;
  try {
    await cloudformation.send(new DeleteStackCommand({ StackName: stackName }));
  } catch (error) {
    // moto deletes synchronously and reports a resource it could not delete as the call's error.
    return messageOf(error);
  }
  const deadline = Date.now() + STACK_TIMEOUT_MS;
  for (;;) {
    const stack = await describeStack(cloudformation, stackName);
    if (!stack) return undefined;
    if (stack.StackStatus === "DELETE_FAILED") return stack.StackStatusReason ?? "DELETE_FAILED";
    if (Date.now() > deadline) return `timed out in ${stack.StackStatus}`;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};
