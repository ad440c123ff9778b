/*
 * The contract of the ECS service-deployment APIs, which moto 5.2 does not implement, so tests that
 * stub them refuse what ECS refuses. Sources (Amazon ECS API Reference and Developer Guide):
 *
 * ListServiceDeployments (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListServiceDeployments.html)
 *   - `service` (the ARN or name of the service): required.
 *   - `cluster`: optional, name or ARN, "default" when absent.
 *   - `status`: optional list of PENDING | SUCCESSFUL | STOPPED | STOP_REQUESTED | IN_PROGRESS |
 *     ROLLBACK_REQUESTED | ROLLBACK_IN_PROGRESS | ROLLBACK_SUCCESSFUL | ROLLBACK_FAILED; absent: every status.
 *   - `createdAt`: optional `CreatedAt` object, `before` / `after` timestamps.
 *   - `maxResults`: "This value can be between 1 and 100"; absent: up to 20 results and a `nextToken`.
 *   - `nextToken`: the value a previous call returned.
 * StopServiceDeployment (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopServiceDeployment.html)
 *   - `serviceDeploymentArn`: required, "the ARN of the service deployment".
 *   - `stopType`: optional; the model enumerates ABORT | ROLLBACK, but the reference says "The valid
 *     values are ROLLBACK", so ABORT is refused here (the gate must never send it: it does not roll back).
 *   - Stoppable states (Developer Guide, "Stopping Amazon ECS service deployments"): PENDING,
 *     IN_PROGRESS, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS.
 * Errors are the SDK's own exception classes, as the real client would throw them: the reference
 * names InvalidParameterException ("The specified parameter isn't valid") for both operations,
 * ServiceDeploymentNotFoundException for an unknown ARN and ConflictException for "conflict in the
 * current state of the resource".
 */
import {
  ConflictException,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  type ListServiceDeploymentsCommandInput,
  type ServiceDeploymentBrief,
  type ServiceDeploymentStatus,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  type StopServiceDeploymentCommandInput,
} from "@aws-sdk/client-ecs";
import type { AwsStub } from "aws-sdk-client-mock";
import type { RequestValidators } from "./stub-answers";

export const SERVICE_DEPLOYMENT_STATUSES: readonly ServiceDeploymentStatus[] = [
  "PENDING",
  "SUCCESSFUL",
  "STOPPED",
  "STOP_REQUESTED",
  "IN_PROGRESS",
  "ROLLBACK_REQUESTED",
  "ROLLBACK_IN_PROGRESS",
  "ROLLBACK_SUCCESSFUL",
  "ROLLBACK_FAILED",
];
export const STOPPABLE_STATUSES: readonly ServiceDeploymentStatus[] = [
  "PENDING",
  "IN_PROGRESS",
  "STOP_REQUESTED",
  "ROLLBACK_REQUESTED",
  "ROLLBACK_IN_PROGRESS",
];
export const LIST_MAX_RESULTS = 100;
export const LIST_DEFAULT_RESULTS = 20;
export const SERVICE_DEPLOYMENT_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service-deployment\/[^/]+\/[^/]+\/[^/]+$/;

const metadata = { httpStatusCode: 400 };
const invalid = (message: string) => new InvalidParameterException({ message, $metadata: metadata });

/** Throws what ECS answers to a ListServiceDeployments request it refuses. */
export const validateListServiceDeployments = (input: ListServiceDeploymentsCommandInput): void => {
  if (typeof input.service !== "string" || input.service === "")
    throw invalid("ListServiceDeployments: service is required (the ARN or name of the service)");
  if (input.cluster !== undefined && (typeof input.cluster !== "string" || input.cluster === ""))
    throw invalid("ListServiceDeployments: cluster must be a cluster name or ARN");
  for (const status of input.status ?? [])
    if (!SERVICE_DEPLOYMENT_STATUSES.includes(status))
      throw invalid(
        `ListServiceDeployments: status ${String(status)} is not one of ${SERVICE_DEPLOYMENT_STATUSES.join(" | ")}`,
      );
  const { maxResults } = input;
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIST_MAX_RESULTS))
    throw invalid(`ListServiceDeployments: maxResults ${maxResults} must be between 1 and ${LIST_MAX_RESULTS}`);
  for (const bound of ["before", "after"] as const) {
    const value = input.createdAt?.[bound];
    if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime())))
      throw invalid(`ListServiceDeployments: createdAt.${bound} must be a timestamp`);
  }
  if (input.nextToken !== undefined && (typeof input.nextToken !== "string" || input.nextToken === ""))
    throw invalid("ListServiceDeployments: nextToken must be the value a previous call returned");
};

/** Throws what ECS answers to a StopServiceDeployment request it refuses (whatever the deployment's state). */
export const validateStopServiceDeployment = (input: StopServiceDeploymentCommandInput): void => {
  if (typeof input.serviceDeploymentArn !== "string" || input.serviceDeploymentArn === "")
    throw invalid("StopServiceDeployment: serviceDeploymentArn is required");
  if (!SERVICE_DEPLOYMENT_ARN.test(input.serviceDeploymentArn))
    throw invalid(`StopServiceDeployment: ${input.serviceDeploymentArn} is not a service deployment ARN`);
  if (input.stopType !== undefined && input.stopType !== "ROLLBACK")
    throw invalid(
      `StopServiceDeployment: stopType ${String(input.stopType)} is not valid; the valid value is ROLLBACK`,
    );
};

/** By the SDK's command name, for `validateBeforeSending` and the guard against bare stubs (routing.test.ts). */
export const ECS_DEPLOYMENT_VALIDATORS: RequestValidators = {
  ListServiceDeploymentsCommand: validateListServiceDeployments,
  StopServiceDeploymentCommand: validateStopServiceDeployment,
};

// biome-ignore lint/suspicious/noExplicitAny: the stub of any ECS client (aws-sdk-client-mock's own typing)
type EcsStub = AwsStub<any, any, any>;

/**
 * A fake of ECS's service deployments behind an `aws-sdk-client-mock` ECS stub: every request is
 * validated first, then ListServiceDeployments filters and pages `deployments` the way ECS
 * documents, and StopServiceDeployment refuses unknown ARNs and finished deployments and moves a
 * stoppable one to ROLLBACK_REQUESTED. Other commands are left to the caller's stubs.
 * Answers the deployments' current state.
 */
export const stubServiceDeployments = (
  stub: EcsStub,
  deployments: readonly ServiceDeploymentBrief[],
): { readonly deployments: () => readonly ServiceDeploymentBrief[] } => {
  const state = deployments.map((deployment) => ({ ...deployment }));
  stub.on(ListServiceDeploymentsCommand).callsFake(async (input: ListServiceDeploymentsCommandInput) => {
    validateListServiceDeployments(input);
    const matching = state.filter((deployment) => listedBy(input, deployment));
    const start = input.nextToken === undefined ? 0 : pageStartOf(input.nextToken, matching.length);
    const end = start + (input.maxResults ?? LIST_DEFAULT_RESULTS);
    return {
      serviceDeployments: matching.slice(start, end),
      ...(end < matching.length ? { nextToken: tokenFor(end) } : {}),
    };
  });
  stub.on(StopServiceDeploymentCommand).callsFake(async (input: StopServiceDeploymentCommandInput) => {
    validateStopServiceDeployment(input);
    const found = state.find((deployment) => deployment.serviceDeploymentArn === input.serviceDeploymentArn);
    if (!found)
      throw new ServiceDeploymentNotFoundException({
        message: `service deployment ${input.serviceDeploymentArn} not found`,
        $metadata: metadata,
      });
    if (!found.status || !STOPPABLE_STATUSES.includes(found.status))
      throw new ConflictException({
        message: `service deployment ${input.serviceDeploymentArn} is ${found.status}: only ${STOPPABLE_STATUSES.join(", ")} can be stopped`,
        $metadata: metadata,
      });
    found.status = "ROLLBACK_REQUESTED";
    return { serviceDeploymentArn: found.serviceDeploymentArn };
  });
  return { deployments: () => state };
};

const nameOf = (nameOrArn: string): string => nameOrArn.slice(nameOrArn.lastIndexOf("/") + 1);

const listedBy = (input: ListServiceDeploymentsCommandInput, deployment: ServiceDeploymentBrief): boolean => {
  const [cluster, service] = (deployment.serviceArn ?? "").split("/").slice(-2);
  if (service !== nameOf(input.service ?? "") || cluster !== nameOf(input.cluster ?? "default")) return false;
  if (input.status?.length && !(deployment.status && input.status.includes(deployment.status))) return false;
  const created = deployment.createdAt?.getTime();
  if (input.createdAt?.before && (created === undefined || created >= input.createdAt.before.getTime())) return false;
  if (input.createdAt?.after && (created === undefined || created <= input.createdAt.after.getTime())) return false;
  return true;
};

const TOKEN_PREFIX = "page-from-";
const tokenFor = (offset: number): string => `${TOKEN_PREFIX}${offset}`;
const pageStartOf = (token: string, length: number): number => {
  const offset = token.startsWith(TOKEN_PREFIX) ? Number(token.slice(TOKEN_PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset < 0 || offset > length)
    throw invalid(`ListServiceDeployments: nextToken ${token} was not returned by a previous call`);
  return offset;
};
