import { existsSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { isUnknown } from "../../model/value";

const REMOTE = /^(https?|s3):\/\//i;

const isFile = (file: string): boolean => existsSync(file) && statSync(file).isFile();

/**
 * The local file of a nested stack's template: TemplateURL as a path relative to the parent
 * template, or the file name it ends with (cdk.out keeps nested templates beside the parent),
 * or the asset path CDK records in the resource's metadata (its TemplateURL is an S3 URL built
 * from asset parameters, which cannot be resolved before deploy).
 */
export const findChildTemplate = (
  parentFile: string,
  templateUrl: unknown,
  metadata: Record<string, unknown>,
): string | undefined => {
  const directory = dirname(parentFile);
  const candidates: string[] = [];
  if (typeof templateUrl === "string" && templateUrl !== "") {
    const path = templateUrl.replace(/^file:\/\//, "");
    if (!REMOTE.test(path)) candidates.push(isAbsolute(path) ? path : join(directory, path));
    candidates.push(join(directory, basename(path.split("?")[0])));
  }
  const assetPath = metadata["aws:asset:path"];
  if (typeof assetPath === "string") candidates.push(isAbsolute(assetPath) ? assetPath : join(directory, assetPath));
  return candidates.find(isFile);
};

export const describeTemplateUrl = (templateUrl: unknown): string => {
  if (typeof templateUrl === "string") return templateUrl;
  if (isUnknown(templateUrl)) return `(${templateUrl.reason})`;
  return templateUrl === undefined ? "(no TemplateURL)" : JSON.stringify(templateUrl);
};
