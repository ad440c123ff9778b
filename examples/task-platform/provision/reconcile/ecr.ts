import { DescribeRepositoriesCommand, PutImageScanningConfigurationCommand } from "@aws-sdk/client-ecr";
import { asRecord } from "@readiness/core/checklist/model/value";
import { ensure, type ProvisionContext } from "../context";
import { resourcesOfType } from "../template";

/** Scan on push of every repository, exactly as the template declares it (absent means off). */
export const reconcileRepositories = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const repository of resourcesOfType(context.template, "AWS::ECR::Repository")) {
    const name = resolver.physicalId(repository.logicalId);
    const desired = asRecord(repository.properties.ImageScanningConfiguration).ScanOnPush === true;
    await ensure(context, {
      resource: repository.logicalId,
      property: "ImageScanningConfiguration.ScanOnPush",
      desired,
      read: async () =>
        (await clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories?.[0]
          ?.imageScanningConfiguration?.scanOnPush ?? false,
      isRight: (actual) => actual === desired,
      apply: async () => {
        await clients.ecr.send(
          new PutImageScanningConfigurationCommand({
            repositoryName: name,
            imageScanningConfiguration: { scanOnPush: desired },
          }),
        );
      },
      action: "PutImageScanningConfiguration",
    });
  }
};
