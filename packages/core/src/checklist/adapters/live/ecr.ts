import {
  GetRegistryScanningConfigurationCommand,
  paginateDescribeRepositories,
  type RegistryScanningConfiguration,
  type Repository,
} from "@aws-sdk/client-ecr";
import type { Resource } from "../../model/resource";
import type { UnknownValue } from "../../model/value";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, defined, toCfnShape } from "./shape";
import { ECR_REPOSITORY, api } from "./ecr.api";

export { ECR_REPOSITORY } from "./ecr.api";

/** Repositories, each with whether registry-level scanning covers pushes to it (observed.registryScanOnPush). */
export async function collectEcr(clients: LiveClients, run: LiveRun): Promise<void> {
  const [repositories, registry] = await Promise.all([
    run.readAll(
      api.describeRepositories,
      paginateDescribeRepositories({ client: clients.ecr }, {}),
      (p) => p.repositories,
    ),
    run.read(api.getRegistryScanningConfiguration, () =>
      clients.ecr.send(new GetRegistryScanningConfigurationCommand({})),
    ),
  ]);
  if (!repositories.ok) return;
  for (const repository of repositories.value) {
    const scanOnPush = registry.ok
      ? registryScansOnPush(registry.value.scanningConfiguration, repository.repositoryName ?? "")
      : run.unknownFrom(registry.error);
    run.add(repositoryResource(repository, scanOnPush));
  }
  run.progress("ecr repositories", repositories.value.length);
}

const SCANS_PUSHES = new Set(["SCAN_ON_PUSH", "CONTINUOUS_SCAN"]);

/** Whether a registry scanning rule with a wildcard filter matching the repository scans on push. */
export const registryScansOnPush = (
  configuration: RegistryScanningConfiguration | undefined,
  repository: string,
): boolean =>
  (configuration?.rules ?? []).some(
    (rule) =>
      rule.scanFrequency !== undefined &&
      SCANS_PUSHES.has(rule.scanFrequency) &&
      (rule.repositoryFilters ?? []).some((filter) => wildcardMatches(filter.filter ?? "", repository)),
  );

const wildcardMatches = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`).test(name);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const repositoryResource = (repository: Repository, registryScanOnPush: boolean | UnknownValue): Resource => ({
  id: repository.repositoryArn!,
  type: ECR_REPOSITORY,
  aliases: aliasesOf(repository.repositoryArn, repository.repositoryName, repository.repositoryUri),
  properties: defined({
    RepositoryName: repository.repositoryName,
    ImageScanningConfiguration: toCfnShape(repository.imageScanningConfiguration),
    ImageTagMutability: repository.imageTagMutability,
    EncryptionConfiguration: toCfnShape(repository.encryptionConfiguration),
  }),
  observed: { registryScanOnPush },
});
