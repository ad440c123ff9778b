import type { Api } from "./run";

export const ECR_REPOSITORY = "AWS::ECR::Repository";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeRepositories: { action: "ecr:DescribeRepositories", types: [ECR_REPOSITORY] },
  getRegistryScanningConfiguration: { action: "ecr:GetRegistryScanningConfiguration", types: [] },
} satisfies Record<string, Api>;
