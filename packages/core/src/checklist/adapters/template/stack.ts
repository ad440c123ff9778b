import { TemplateError } from "../../../kernel/errors";
import type { Resource, SourceLocation } from "../../model/resource";
import { isRecord, isUnknown, type UnknownValue, unknownValue } from "../../model/value";
import type { Environment } from "./environment";
import type { ImportRegistry } from "./imports";
import { type EvaluationContext, evaluate, evaluateCondition, NO_VALUE, type Path } from "./intrinsics";
import type { MissingNestedStack, SamResource } from "../../model/input";
import { attributeIsList, listsWhereListsBelong } from "./list-shapes";
import { describeTemplateUrl, literalUrlTail, locateChildTemplate, type NestedTemplateSources } from "./nested";
import { resolveParameters } from "./parameters";
import type { SamExpansion } from "./sam";
import { fallbackAttribute, type PhysicalIdentity, physicalIdentity } from "./physical-ids";
import type { CheckedReferences } from "./references";
import { evaluateAtSites } from "./sites";
import { placeIn, type Template, type TemplateResource } from "./template";

export const NESTED_STACK = "AWS::CloudFormation::Stack";

/** How one stack is named and where its resources go in the inventory. */
export interface StackNaming {
  /** AWS::StackName. */
  readonly stackName: string;
  /** Stack path for SourceLocation.stack, e.g. "app/Network". */
  readonly stackPath: string;
  /** Prefix of inventory ids: "" for a lone template, "Stack/" or "Parent/" otherwise. */
  readonly idPrefix: string;
  /** Prefix of the physical names CloudFormation generates: "" for a lone template. */
  readonly namePrefix: string;
}

/** A template checked and ordered, ready to evaluate. */
export interface CheckedTemplate extends CheckedReferences {
  readonly template: Template;
  /** SAM resources the template's transform expanded (logical ids of this template). */
  readonly sam: readonly SamExpansion[];
}

/**
 * Conditions of Fn::If that cannot be decided before deploy, keyed by `<id prefix><name>`
 * ("UseSidecar", "Parent/Child/UseSidecar"). The loader evaluates the stacks once per assumption.
 */
export interface Branching {
  /** Values assumed for undecidable conditions in this evaluation. */
  readonly assumed: ReadonlyMap<string, boolean>;
  /** Undecidable conditions met by Fn::If and not assumed, with why they cannot be decided. */
  readonly undecided: Map<string, string>;
}

export interface StackServices {
  readonly env: Environment;
  readonly branching: Branching;
  readonly imports: ImportRegistry;
  readonly warnings: string[];
  /** Nested stacks whose template was not found (reported, and failing the run unless accepted). */
  readonly missingNested: MissingNestedStack[];
  /** SAM resources expanded, reported with the resources they became. */
  readonly samResources: SamResource[];
  readonly nestedSources: NestedTemplateSources;
  /** Reads, parses and checks a template file (nested stacks). */
  readonly loadTemplate: (file: string, provided: ReadonlyMap<string, unknown>) => CheckedTemplate;
}

interface Entry {
  readonly resource: TemplateResource;
  readonly created: boolean | UnknownValue;
  readonly properties: Record<string, unknown>;
  readonly identity?: PhysicalIdentity;
  /** "<id>.<Attribute>" names of attributes without a model, by which their unknown values refer to the resource. */
  readonly extraAliases: Set<string>;
  readonly child?: Stack | UnknownValue;
}

/**
 * One CloudFormation stack being evaluated: parameters, conditions, resources and outputs are
 * resolved lazily and memoised; resolveAll walks resources in dependency order so evaluation
 * never recurses deeply, however long the chain of references.
 */
export class Stack implements EvaluationContext {
  readonly env: Environment;
  readonly mappings: Record<string, unknown>;
  private readonly parameterValues: ReadonlyMap<string, unknown>;
  private readonly conditionValues = new Map<string, boolean | UnknownValue>();
  private readonly entries = new Map<string, Entry>();
  private readonly outputValues = new Map<string, unknown>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly checked: CheckedTemplate,
    readonly naming: StackNaming,
    provided: ReadonlyMap<string, unknown>,
    private readonly services: StackServices,
    private readonly ancestors: readonly string[] = [],
  ) {
    this.env = services.env;
    this.mappings = checked.template.mappings;
    this.parameterValues = resolveParameters(checked.template, provided);
    for (const { logicalId, type, expandedTo, notModelled } of checked.sam)
      services.samResources.push({
        resource: this.idOf(logicalId),
        type,
        location: this.locationOf(logicalId),
        expandedTo: expandedTo.map((id) => this.idOf(id)),
        notModelled,
      });
  }

  get template(): Template {
    return this.checked.template;
  }

  fail(message: string, path: Path, hint?: string): never {
    throw new TemplateError(message, placeIn(this.template, path.join(".")), hint);
  }

  ref(name: string): unknown {
    if (this.parameterValues.has(name)) return this.parameterValues.get(name);
    const { env, naming } = this;
    switch (name) {
      case "AWS::Region":
        return env.region;
      case "AWS::AccountId":
        return env.accountId;
      case "AWS::Partition":
        return env.partition;
      case "AWS::URLSuffix":
        return env.urlSuffix;
      case "AWS::StackName":
        return naming.stackName;
      case "AWS::StackId":
        return stackArn(env, naming.stackName);
      case "AWS::NotificationARNs":
        return [];
      case "AWS::NoValue":
        return NO_VALUE;
    }
    const entry = this.entry(name);
    if (entry.created === false) return this.notCreated(entry);
    if (!isCustomResource(entry.resource.type)) return entry.identity?.ref;
    return unknownValue(`the physical id of the custom resource ${this.idOf(name)} is only known after deploy`, {
      refersTo: this.idOf(name),
    });
  }

  getAtt(logicalId: string, attribute: string): unknown {
    const entry = this.entry(logicalId);
    if (entry.created === false) return this.notCreated(entry);
    if (entry.child !== undefined && attribute.startsWith("Outputs.")) {
      return isUnknown(entry.child) ? entry.child : entry.child.output(attribute.slice("Outputs.".length));
    }
    const attributes = entry.identity?.attributes ?? {};
    if (attribute in attributes) {
      const value = attributes[attribute];
      return value ?? unknownValue(`${attribute} of ${this.idOf(logicalId)} is not set in the template`);
    }
    // A list the schema promises but this adapter does not model (VPC Ipv6CidrBlocks): its items exist only after deploy.
    if (attributeIsList(entry.resource.type, attribute))
      return unknownValue(`${attribute} of ${this.idOf(logicalId)} is a list known only after deploy`);
    // Nobody can know an attribute this adapter has no model of (a custom resource's DesiredCount
    // or ImageUri) before deploy; it still names its resource, so references through it resolve.
    const name = fallbackAttribute(this.idOf(logicalId), attribute);
    entry.extraAliases.add(name);
    const what = isCustomResource(entry.resource.type) ? "custom resource" : entry.resource.type;
    return unknownValue(`${attribute} of ${this.idOf(logicalId)} (${what}) is only known after deploy`, {
      refersTo: name,
    });
  }

  condition(name: string): boolean | UnknownValue {
    const assumed = this.services.branching.assumed.get(this.idOf(name));
    if (assumed !== undefined) return assumed;
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    const key = `Conditions.${name}`;
    if (this.inProgress.has(key)) this.fail(`circular condition ${name}`, ["Conditions", name]);
    this.inProgress.add(key);
    let value = evaluateCondition(this.template.conditions[name], this, ["Conditions", name]);
    this.inProgress.delete(key);
    if (isUnknown(value) && !value.reason.startsWith("condition "))
      value = unknownValue(`condition ${name} cannot be decided: ${value.reason}`);
    this.conditionValues.set(name, value);
    return value;
  }

  branchOn(name: string, undecided: UnknownValue): void {
    this.services.branching.undecided.set(this.idOf(name), undecided.reason);
  }

  importValue(name: string): unknown {
    return this.services.imports.value(name);
  }

  /** An output's value (nested stacks' Fn::GetAtt Child.Outputs.X, and exports). */
  output(name: string): unknown {
    if (this.outputValues.has(name)) return this.outputValues.get(name);
    const output = this.template.outputs[name];
    let value: unknown;
    if (!output) value = unknownValue(`the stack ${this.naming.stackName} has no output ${name}`);
    else {
      const created = typeof output.Condition === "string" ? this.condition(output.Condition) : true;
      if (created === false)
        value = unknownValue(`output ${name} is not created: condition ${output.Condition} is false`);
      else value = evaluate(output.Value, this, ["Outputs", name, "Value"]);
    }
    this.outputValues.set(name, value);
    return value;
  }

  registerExports(): void {
    for (const [key, output] of Object.entries(this.template.outputs)) {
      if (!isRecord(output.Export)) continue;
      const name = evaluate(output.Export.Name, this, ["Outputs", key, "Export", "Name"]);
      if (typeof name === "string") this.services.imports.register(name, this.naming.stackName, () => this.output(key));
    }
  }

  resolveAll(): void {
    for (const logicalId of this.checked.order) {
      const entry = this.entry(logicalId);
      if (isUnknown(entry.created))
        this.services.warnings.push(
          `${this.idOf(logicalId)} is created only if condition ${entry.resource.condition} holds: ${entry.created.reason}`,
        );
    }
  }

  /** The stack's resources (and its nested stacks'), in template order. Call after resolveAll. */
  resources(): Resource[] {
    const resources: Resource[] = [];
    for (const logicalId of this.template.resources.keys()) {
      const entry = this.entry(logicalId);
      if (entry.created === false) continue;
      resources.push(this.toResource(logicalId, entry));
      if (entry.child instanceof Stack) resources.push(...entry.child.resources());
    }
    return resources;
  }

  private toResource(logicalId: string, entry: Entry): Resource {
    const id = this.idOf(logicalId);
    const position = this.template.positions.get(`Resources.${logicalId}`);
    const aliases: string[] = [];
    for (const alias of entry.identity?.aliases ?? [])
      if (alias !== id && !aliases.includes(alias)) aliases.push(alias);
    for (const alias of entry.extraAliases) if (!aliases.includes(alias)) aliases.push(alias);
    return {
      id,
      type: entry.resource.type,
      properties: entry.properties,
      aliases,
      location: {
        file: this.template.file,
        line: position?.line,
        column: position?.column,
        stack: this.naming.stackPath,
      },
    };
  }

  private locationOf(logicalId: string): SourceLocation {
    const position = this.template.positions.get(`Resources.${logicalId}`);
    return { file: this.template.file, line: position?.line, column: position?.column, stack: this.naming.stackPath };
  }

  private idOf(logicalId: string): string {
    return `${this.naming.idPrefix}${logicalId}`;
  }

  private notCreated(entry: Entry): UnknownValue {
    return unknownValue(
      `${this.idOf(entry.resource.logicalId)} is not created: condition ${entry.resource.condition} is false`,
    );
  }

  private entry(logicalId: string): Entry {
    const known = this.entries.get(logicalId);
    if (known) return known;
    const resource = this.template.resources.get(logicalId);
    // checkReferences has vetted every name; this guards a dynamic name it could not see.
    if (!resource) return this.fail(`${logicalId} is not a resource of this template`, ["Resources"]);
    const key = `Resources.${logicalId}`;
    if (this.inProgress.has(key)) this.fail(`circular reference through ${logicalId}`, ["Resources", logicalId]);
    this.inProgress.add(key);
    const entry = this.evaluateResource(resource);
    this.inProgress.delete(key);
    this.entries.set(logicalId, entry);
    return entry;
  }

  private evaluateResource(resource: TemplateResource): Entry {
    const { logicalId } = resource;
    const created = resource.condition === undefined ? true : this.condition(resource.condition);
    const extraAliases = new Set<string>();
    if (created === false) return { resource, created, properties: {}, extraAliases };
    const properties = this.evaluateProperties(resource);
    if (resource.type === NESTED_STACK) {
      const childName = `${this.naming.stackName}-${logicalId}`;
      const arn = stackArn(this.env, childName);
      const identity = { ref: arn, attributes: {}, aliases: [arn] };
      return { resource, created, properties, identity, extraAliases, child: this.loadChild(resource, properties) };
    }
    const identity = physicalIdentity(resource.type, {
      resourceId: this.idOf(logicalId),
      generatedName: `${this.naming.namePrefix}${logicalId}`,
      properties,
      env: this.env,
    });
    return { resource, created, properties, identity, extraAliases };
  }

  private evaluateProperties(resource: TemplateResource): Record<string, unknown> {
    const { logicalId } = resource;
    const base = ["Resources", logicalId, "Properties"];
    const sites = this.checked.sites.get(logicalId) ?? [];
    const wholeIsIntrinsic = sites.length === 1 && sites[0].length === 0;
    const evaluated = wholeIsIntrinsic
      ? evaluate(resource.properties, this, base)
      : evaluateAtSites(resource.properties, sites, (node, site) => evaluate(node, this, [...base, ...site]));
    if (isRecord(evaluated)) {
      const { properties, wrapped } = listsWhereListsBelong(resource.type, evaluated);
      for (const path of wrapped)
        this.services.warnings.push(
          `${this.idOf(logicalId)}: ${path} is one value where CloudFormation's schema wants a list (cfn-lint E3012); it is read as a list of one`,
        );
      return properties;
    }
    if (isUnknown(evaluated))
      this.services.warnings.push(`the properties of ${this.idOf(logicalId)} are unknown: ${evaluated.reason}`);
    return {};
  }

  /** A nested stack's Parameters: a map, never silently dropped when it is something else. */
  private nestedParameters(logicalId: string, parameters: unknown): Record<string, unknown> {
    if (parameters === undefined || isRecord(parameters)) return parameters ?? {};
    if (isUnknown(parameters)) {
      this.services.warnings.push(
        `nested stack ${this.idOf(logicalId)}: its Parameters are unknown (${parameters.reason}); its parameters take their defaults`,
      );
      return {};
    }
    return this.fail("the Parameters of a nested stack must be a map of parameter names to values", [
      "Resources",
      logicalId,
      "Properties",
      "Parameters",
    ]);
  }

  private loadChild(resource: TemplateResource, properties: Record<string, unknown>): Stack | UnknownValue {
    const { logicalId } = resource;
    const url = properties.TemplateURL;
    const written = typeof url === "string" ? url : literalUrlTail(resource.properties.TemplateURL);
    const located = locateChildTemplate(this.template.file, written, resource.metadata, this.services.nestedSources);
    if ("missing" in located) {
      const id = this.idOf(logicalId);
      const templateUrl = describeTemplateUrl(url);
      this.services.missingNested.push({
        resource: id,
        location: this.locationOf(logicalId),
        templateUrl,
        reason: located.missing,
      });
      return unknownValue(`nested stack ${id}: its template ${templateUrl} was not found (${located.missing})`);
    }
    const { file } = located;
    const lineage = [...this.ancestors, this.template.file];
    if (lineage.includes(file))
      this.fail(`nested stack ${logicalId} includes its own template ${file}`, [
        "Resources",
        logicalId,
        "Properties",
        "TemplateURL",
      ]);
    const provided = new Map(Object.entries(this.nestedParameters(logicalId, properties.Parameters)));
    const naming: StackNaming = {
      stackName: `${this.naming.stackName}-${logicalId}`,
      stackPath: `${this.naming.stackPath}/${logicalId}`,
      idPrefix: `${this.idOf(logicalId)}/`,
      namePrefix: `${this.naming.stackName}-${logicalId}-`,
    };
    const child = new Stack(this.services.loadTemplate(file, provided), naming, provided, this.services, lineage);
    for (const name of provided.keys())
      if (!(name in child.template.parameters))
        this.services.warnings.push(
          `nested stack ${this.idOf(logicalId)} passes parameter ${name}, which ${file} does not declare`,
        );
    child.registerExports();
    child.resolveAll();
    return child;
  }
}

const isCustomResource = (type: string): boolean =>
  type.startsWith("Custom::") || type === "AWS::CloudFormation::CustomResource";

const stackArn = (env: Environment, stackName: string): string =>
  `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`;
