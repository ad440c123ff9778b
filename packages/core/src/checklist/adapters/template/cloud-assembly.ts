import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TemplateError } from "../../../kernel/errors";
import { isRecord } from "../../model/value";

/** A stack the cloud assembly deploys. */
export interface AssemblyStack {
  readonly file: string;
  /** The stack's name in CloudFormation: `properties.stackName`, else the artifact id. */
  readonly stackName: string;
}

export interface CloudAssembly {
  readonly stacks: AssemblyStack[];
  /**
   * File assets by the S3 object key they are published under ("<hash>.json") and by their hash:
   * a nested stack's TemplateURL ends in that key, and the asset's source is its template file.
   */
  readonly fileAssets: Map<string, string>;
}

const MANIFEST = "manifest.json";

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new TemplateError(
      `cannot read the cloud assembly file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { file },
      "synthesize the app again (cdk synth, sst build)",
      { cause: error },
    );
  }
};

const artifactsOf = (manifest: unknown): Record<string, unknown> | undefined =>
  isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : undefined;

/** A folder holding a cloud assembly (cdk.out, an SST build output, a Stage's assembly-*): its manifest lists artifacts. */
export const isCloudAssembly = (folder: string): boolean => {
  const manifest = join(folder, MANIFEST);
  if (!existsSync(manifest) || !statSync(manifest).isFile()) return false;
  try {
    return artifactsOf(JSON.parse(readFileSync(manifest, "utf8"))) !== undefined;
  } catch {
    return false;
  }
};

/** The file assets of an asset manifest (`<Stack>.assets.json`): object key and hash → local source file. */
const readFileAssets = (folder: string, manifestFile: string, into: Map<string, string>): void => {
  const manifest = readJson(join(folder, manifestFile));
  const files = isRecord(manifest) && isRecord(manifest.files) ? manifest.files : {};
  for (const [hash, asset] of Object.entries(files)) {
    if (!isRecord(asset) || !isRecord(asset.source) || typeof asset.source.path !== "string") continue;
    const source = join(folder, asset.source.path);
    into.set(hash, source);
    const destinations = isRecord(asset.destinations) ? Object.values(asset.destinations) : [];
    for (const destination of destinations)
      if (isRecord(destination) && typeof destination.objectKey === "string") into.set(destination.objectKey, source);
  }
};

/**
 * Reads a cloud assembly through its manifests: `aws:cloudformation:stack` artifacts name their
 * template files, `cdk:cloud-assembly` artifacts (a Stage, CDK Pipelines) name nested assemblies
 * in subfolders, and `cdk:asset-manifest` artifacts name the files nested stack templates are
 * published as. A file a manifest names that is missing is an error: the assembly is incomplete.
 */
export const readCloudAssembly = (root: string): CloudAssembly => {
  const stacks: AssemblyStack[] = [];
  const fileAssets = new Map<string, string>();
  const visit = (folder: string, seen: Set<string>): void => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const manifestFile = join(folder, MANIFEST);
    const artifacts = artifactsOf(readJson(manifestFile)) ?? {};
    for (const [id, artifact] of Object.entries(artifacts)) {
      if (!isRecord(artifact) || !isRecord(artifact.properties)) continue;
      const { properties } = artifact;
      if (artifact.type === "aws:cloudformation:stack" && typeof properties.templateFile === "string") {
        const file = join(folder, properties.templateFile);
        if (!existsSync(file))
          throw new TemplateError(
            `the cloud assembly names the template ${properties.templateFile} of stack ${id}, which is missing`,
            { file: manifestFile, path: `artifacts.${id}.properties.templateFile` },
            "synthesize the app again (cdk synth, sst build)",
          );
        stacks.push({ file, stackName: typeof properties.stackName === "string" ? properties.stackName : id });
      } else if (artifact.type === "cdk:cloud-assembly" && typeof properties.directoryName === "string")
        visit(join(folder, properties.directoryName), seen);
      else if (artifact.type === "cdk:asset-manifest" && typeof properties.file === "string")
        readFileAssets(folder, properties.file, fileAssets);
    }
  };
  visit(root, new Set());
  return { stacks, fileAssets };
};
