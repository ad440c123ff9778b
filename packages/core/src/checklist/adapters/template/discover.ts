import { statSync } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";
import { TemplateError } from "../../../kernel/errors";
import { isRecord } from "../../model/value";
import { type AssemblyStack, isCloudAssembly, readCloudAssembly } from "./cloud-assembly";
import { filesUnder } from "./folder";
import { literalUrlTail, locateChildTemplate, type NestedTemplateSources } from "./nested";
import { type ParsedFile, parseTemplateText, readTemplateText } from "./parse";
import { looksLikeTemplate } from "./validate";

/** A template deployed as a stack of its own (not as a nested stack of another template). */
export interface TopLevelTemplate {
  readonly file: string;
  readonly stackName: string;
}

export interface Discovered {
  readonly topLevel: readonly TopLevelTemplate[];
  /** Every file parsed while looking, so nothing is parsed twice. */
  readonly parsed: ReadonlyMap<string, ParsedFile>;
  /** Where nested stacks' templates are looked for. */
  readonly nestedSources: NestedTemplateSources;
}

/** "Api.template.json" → "Api". */
export const stackNameOf = (file: string): string =>
  basename(file).replace(/(\.nested)?(\.template)?(\.json|\.ya?ml|\.template)$/i, "") || basename(file);

/** "services/orders/service.yaml" under the root → "services-orders-service": unique, and a valid stack name. */
const stackNameIn = (root: string, file: string): string =>
  [
    ...dirname(relative(root, file))
      .split(sep)
      .filter((part) => part !== "."),
    stackNameOf(file),
  ].join("-");

/** A file that says it is a template: a parse error in it is the user's to fix, not a file to skip. */
const claimsToBeTemplate = (text: string): boolean =>
  /^\s*["']?(Resources|AWSTemplateFormatVersion)["']?\s*:/m.test(text);

/** A stack a cloud assembly lists with no resources (an empty CDK stack has only its bootstrap-version rule). */
const hasResources = (body: unknown): boolean =>
  isRecord(body) && isRecord(body.Resources) && Object.keys(body.Resources).length > 0;

const readParsed = (file: string, maxFileBytes: number): ParsedFile =>
  parseTemplateText(file, readTemplateText(file, maxFileBytes));

/** The stacks of a cloud assembly that deploy something, parsed into `parsed`; empty ones are skipped with a warning. */
const deployedStacks = (
  stacks: readonly AssemblyStack[],
  parsed: Map<string, ParsedFile>,
  maxFileBytes: number,
  warnings: string[],
): AssemblyStack[] =>
  stacks.filter(({ file, stackName }) => {
    const template = readParsed(file, maxFileBytes);
    if (!hasResources(template.body)) {
      warnings.push(`skipped stack ${stackName} (${file}): it has no resources, and cdk deploy skips it too`);
      return false;
    }
    parsed.set(file, template);
    return true;
  });

const NESTED_TYPES = new Set(["AWS::CloudFormation::Stack", "AWS::Serverless::Application"]);

/** The files the templates name as their nested stacks' templates (they are not stacks of their own). */
const nestedTemplateFiles = (parsed: Iterable<ParsedFile>, sources: NestedTemplateSources): Set<string> => {
  const files = new Set<string>();
  for (const { file, body } of parsed) {
    const resources = isRecord(body) && isRecord(body.Resources) ? body.Resources : {};
    for (const resource of Object.values(resources)) {
      if (!isRecord(resource) || !NESTED_TYPES.has(String(resource.Type))) continue;
      const properties = isRecord(resource.Properties) ? resource.Properties : {};
      const url = literalUrlTail(properties.TemplateURL ?? properties.Location);
      const metadata = isRecord(resource.Metadata) ? resource.Metadata : {};
      const child = locateChildTemplate(file, url, metadata, sources);
      if ("file" in child) files.add(child.file);
    }
  }
  return files;
};

const noTemplates = (path: string): TemplateError =>
  new TemplateError(
    `no CloudFormation templates found in ${path}`,
    { file: path },
    "point at a template file, or at a cdk.out / SST build output directory (run cdk synth or sst build first)",
  );

const lazily = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

/**
 * The templates at a path: the file itself; a cloud assembly's stacks (cdk.out, an SST build
 * output), read through its manifests; or every template in a folder and its subfolders. A file
 * in a folder that is not a template is skipped with a warning; a file that claims to be a
 * template (it has a Resources section) and does not parse is an error, never skipped.
 */
export const discoverTemplates = (path: string, maxFileBytes: number, warnings: string[]): Discovered => {
  if (!statSync(path).isDirectory()) {
    const root = dirname(path);
    return {
      topLevel: [{ file: path, stackName: stackNameOf(path) }],
      parsed: new Map([[path, readParsed(path, maxFileBytes)]]),
      nestedSources: {
        root,
        candidates: lazily(() => filesUnder(root, () => false).files),
        fileAssets: new Map(),
      },
    };
  }
  if (isCloudAssembly(path)) {
    const assembly = readCloudAssembly(path);
    const parsed = new Map<string, ParsedFile>();
    const stacks = deployedStacks(assembly.stacks, parsed, maxFileBytes, warnings);
    if (stacks.length === 0) throw noTemplates(path);
    return {
      topLevel: stacks,
      parsed,
      nestedSources: {
        root: path,
        candidates: lazily(() => filesUnder(path, () => false).files),
        fileAssets: assembly.fileAssets,
      },
    };
  }

  const { files, assemblies } = filesUnder(path, isCloudAssembly);
  const parsed = new Map<string, ParsedFile>();
  for (const file of files) {
    const text = readTemplateText(file, maxFileBytes);
    let candidate: ParsedFile;
    try {
      candidate = parseTemplateText(file, text);
    } catch (error) {
      if (!(error instanceof TemplateError) || claimsToBeTemplate(text)) throw error;
      warnings.push(`skipped ${file}: not a CloudFormation template (${error.message})`);
      continue;
    }
    if (looksLikeTemplate(candidate.body)) parsed.set(file, candidate);
    else warnings.push(`skipped ${file}: not a CloudFormation template (no Resources section)`);
  }
  const fileAssets = new Map<string, string>();
  const assemblyStacks = assemblies.flatMap((folder) => {
    const assembly = readCloudAssembly(folder);
    for (const [key, file] of assembly.fileAssets) fileAssets.set(key, file);
    return deployedStacks(assembly.stacks, parsed, maxFileBytes, warnings);
  });
  const templates = [...parsed.keys()];
  const nestedSources: NestedTemplateSources = { root: path, candidates: () => templates, fileAssets };
  const nested = nestedTemplateFiles(parsed.values(), nestedSources);
  const assemblyFiles = new Set(assemblyStacks.map(({ file }) => file));
  const topLevel = [
    ...[...parsed.keys()]
      .filter((file) => !nested.has(file) && !assemblyFiles.has(file))
      .map((file) => ({ file, stackName: stackNameIn(path, file) })),
    ...assemblyStacks,
  ];
  if (topLevel.length === 0) throw noTemplates(path);
  return { topLevel, parsed, nestedSources };
};
