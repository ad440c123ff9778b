import { existsSync } from "node:fs";
import { TemplateError } from "../../../kernel/errors";
import type { Inventory } from "../../inventory/inventory";
import type { MissingNestedStack, SamResource } from "../../model/input";
import { discoverTemplates } from "./discover";
import { environmentOf } from "./environment";
import { evaluateBranches, type StacksEvaluation } from "./branches";
import { ImportRegistry } from "./imports";
import { DEFAULT_MAX_FILE_BYTES, type ParsedFile, parseTemplateText, readTemplateText } from "./parse";
import { checkReferences } from "./references";
import { type CheckedTemplate, Stack } from "./stack";
import { applyTransforms, dependsOnParameters } from "./transforms";
import { toTemplate } from "./validate";

export interface TemplateLoadOptions {
  /** Default "us-east-1"; used for pseudo parameters, Fn::GetAZs and synthetic ARNs. */
  region?: string;
  /** Default "123456789012". */
  accountId?: string;
  /** Values for template parameters, overriding their defaults (applies to every top-level template). */
  parameters?: Record<string, string>;
  /** Default 50 MiB; a larger file is a TemplateError. */
  maxFileBytes?: number;
}

export interface LoadedTemplates {
  inventory: Inventory;
  /** Every template file read: top-level templates, then nested ones as they were met. */
  files: string[];
  /** Things the user should know that do not stop the check (skipped files, undecidable conditions…). */
  warnings: string[];
  /** Nested stacks whose template was not found: their resources are not in the inventory. */
  missingNested: MissingNestedStack[];
  /** SAM resources expanded (Transform: AWS::Serverless-2016-10-31), with what they became. */
  samResources: SamResource[];
}

/**
 * Loads a CloudFormation template (JSON or YAML), or every stack template of a cdk.out / SST build
 * output, into an inventory of canonical resources. Ids are logical ids for a lone template and
 * "StackName/LogicalId" when there are several; nested stacks add "Parent/Child". Throws a
 * TemplateError (with file, line and a hint) for anything CloudFormation itself would reject.
 */
export async function loadTemplateInventory(path: string, options: TemplateLoadOptions = {}): Promise<LoadedTemplates> {
  if (!existsSync(path))
    throw new TemplateError(
      `template path not found: ${path}`,
      { file: path },
      "pass a CloudFormation template file (JSON or YAML) or a cdk.out / SST build output directory",
    );
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const env = environmentOf(options.region ?? "us-east-1", options.accountId ?? "123456789012");
  const warnings: string[] = [];
  const files: string[] = [];
  const missingNested: MissingNestedStack[] = [];
  const samResources: SamResource[] = [];
  const { topLevel, parsed, nestedSources } = discoverTemplates(path, maxFileBytes, warnings);

  const checked = new Map<string, CheckedTemplate>();
  const loadTemplate = (file: string, provided: ReadonlyMap<string, unknown>): CheckedTemplate => {
    const source: ParsedFile = parsed.get(file) ?? parseTemplateText(file, readTemplateText(file, maxFileBytes));
    // A template with Fn::ForEach over a parameter is a different template for each set of values.
    const key = dependsOnParameters(source) ? `${file}\n${JSON.stringify([...provided])}` : file;
    const known = checked.get(key);
    if (known) return known;
    const transformed = applyTransforms(source, provided, warnings);
    const template = toTemplate(transformed.parsed);
    const result = { template, sam: transformed.sam, ...checkReferences(template) };
    checked.set(key, result);
    if (!files.includes(file)) files.push(file);
    return result;
  };

  const overrides = new Map(Object.entries(options.parameters ?? {}));
  const several = topLevel.length > 1;
  /** Evaluates every stack once, with these values assumed for undecidable Fn::If conditions. */
  const evaluateStacks = (assumed: ReadonlyMap<string, boolean>): StacksEvaluation => {
    const branching = { assumed, undecided: new Map<string, string>() };
    // Only the first evaluation speaks: the others would repeat its warnings, missing nested
    // stacks and SAM resources.
    const first = assumed.size === 0;
    const said = first ? warnings : [];
    const services = {
      env,
      imports: new ImportRegistry(said),
      warnings: said,
      missingNested: first ? missingNested : [],
      samResources: first ? samResources : [],
      nestedSources,
      loadTemplate,
      branching,
    };
    const stacks = topLevel.map(
      ({ file, stackName }) =>
        new Stack(
          loadTemplate(file, overrides),
          {
            stackName,
            stackPath: stackName,
            idPrefix: several ? `${stackName}/` : "",
            namePrefix: several ? `${stackName}-` : "",
          },
          overrides,
          services,
        ),
    );
    if (first)
      for (const name of overrides.keys())
        if (!stacks.some((stack) => name in stack.template.parameters))
          warnings.push(`parameter ${name} was given a value but no template declares it`);
    for (const stack of stacks) stack.registerExports();
    for (const stack of stacks) stack.resolveAll();
    return { resources: stacks.flatMap((stack) => stack.resources()), undecided: branching.undecided };
  };
  const inventory = evaluateBranches(evaluateStacks, warnings);
  // A folder's template that only a nested stack uses is read with it; when that stack is not
  // created (its condition is false), say so rather than leave the file unmentioned.
  for (const file of parsed.keys())
    if (!files.includes(file))
      warnings.push(`${file} was not read: it is the template of a nested stack that is not created`);
  return { inventory, files, warnings, missingNested, samResources };
}
