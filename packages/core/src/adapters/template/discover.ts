import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { TemplateError } from "../../errors";
import { isRecord } from "../../model/value";
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
}

const TEMPLATE_EXTENSIONS = new Set([".json", ".yaml", ".yml", ".template"]);
/** cdk.out / SST build files that are never templates. */
const CDK_FILES = /^(manifest\.json|tree\.json|cdk\.out|.*\.assets\.json|.*\.metadata\.json)$/;

/** "Api.template.json" → "Api". */
export const stackNameOf = (file: string): string =>
  basename(file).replace(/(\.nested)?(\.template)?(\.json|\.ya?ml|\.template)$/i, "") || basename(file);

/** Stack names cdk.out's manifest gives its template files (stackName, else the artifact id). */
const manifestStackNames = (directory: string): Map<string, string> => {
  const names = new Map<string, string>();
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(directory, "manifest.json"), "utf8"));
  } catch {
    return names;
  }
  const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact) || artifact.type !== "aws:cloudformation:stack" || !isRecord(artifact.properties)) continue;
    const { templateFile, stackName } = artifact.properties;
    if (typeof templateFile === "string") names.set(templateFile, typeof stackName === "string" ? stackName : id);
  }
  return names;
};

/** File names the templates use as nested stack templates (they are not stacks of their own). */
const nestedTemplateNames = (parsed: Iterable<ParsedFile>): Set<string> => {
  const names = new Set<string>();
  for (const { body } of parsed) {
    const resources = isRecord(body) && isRecord(body.Resources) ? body.Resources : {};
    for (const resource of Object.values(resources)) {
      if (!isRecord(resource) || resource.Type !== "AWS::CloudFormation::Stack") continue;
      const assetPath = isRecord(resource.Metadata) ? resource.Metadata["aws:asset:path"] : undefined;
      const url = isRecord(resource.Properties) ? resource.Properties.TemplateURL : undefined;
      for (const reference of [assetPath, url]) if (typeof reference === "string") names.add(basename(reference));
    }
  }
  return names;
};

const readParsed = (file: string, maxFileBytes: number): ParsedFile =>
  parseTemplateText(file, readTemplateText(file, maxFileBytes));

/**
 * The templates at a path: the file itself, or the CloudFormation templates in a directory
 * (cdk.out or an SST build output). Files in a directory that parse but have no Resources
 * section are skipped with a warning; a file that does not parse is an error, never skipped.
 */
export const discoverTemplates = (path: string, maxFileBytes: number, warnings: string[]): Discovered => {
  if (!statSync(path).isDirectory()) {
    const parsed = readParsed(path, maxFileBytes);
    return { topLevel: [{ file: path, stackName: stackNameOf(path) }], parsed: new Map([[path, parsed]]) };
  }
  const parsed = new Map<string, ParsedFile>();
  for (const name of readdirSync(path).sort()) {
    const file = join(path, name);
    if (CDK_FILES.test(name) || !TEMPLATE_EXTENSIONS.has(extname(name).toLowerCase()) || !statSync(file).isFile())
      continue;
    const candidate = readParsed(file, maxFileBytes);
    if (looksLikeTemplate(candidate.body)) parsed.set(file, candidate);
    else warnings.push(`skipped ${file}: not a CloudFormation template (no Resources section)`);
  }
  const nested = nestedTemplateNames(parsed.values());
  const stackNames = manifestStackNames(path);
  const topLevel = [...parsed.keys()]
    .filter((file) => !nested.has(basename(file)) && !basename(file).includes(".nested.template."))
    .map((file) => ({ file, stackName: stackNames.get(basename(file)) ?? stackNameOf(file) }));
  if (topLevel.length === 0)
    throw new TemplateError(
      `no CloudFormation templates found in ${path}`,
      { file: path },
      "point at a template file, or at a cdk.out / SST build output directory (run cdk synth or sst build first)",
    );
  return { topLevel, parsed };
};
