import { TemplateError } from "../../../kernel/errors";
import { isRecord } from "../../model/value";
import { parseSub } from "./sub-template";
import { didYouMean } from "./suggest";
import { placeIn, type Template } from "./template";
import { intrinsicName } from "./intrinsic-name";

export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);

type Path = (string | number)[];

/**
 * Checks every Ref, Fn::GetAtt, Fn::Sub variable, DependsOn and condition name against what the
 * template declares, and returns the resources in dependency order (each after everything it
 * references). A reference to nothing, or a cycle, is a TemplateError with its place.
 */
export const checkReferences = (template: Template): CheckedReferences => new ReferenceChecker(template).run();

export interface CheckedReferences {
  /** Logical ids, each after everything it references. */
  readonly order: string[];
  /** Per resource, the paths (inside Properties) of its outermost intrinsic functions, in document order. */
  readonly sites: ReadonlyMap<string, Path[]>;
}

/**
 * One walk over every value of the template. A class with a mutable path and "current resource"
 * rather than closures per resource: this runs over every node of a 10,000-resource template.
 */
class ReferenceChecker {
  private readonly edges = new Map<string, Set<string>>();
  private readonly sites = new Map<string, Path[]>();
  private readonly path: Path = [];
  /** Where the current resource's intrinsic sites go (undefined outside Resources). */
  private siteList: Path[] | undefined;
  /** How many intrinsics the walk is inside: only outermost ones are sites. */
  private intrinsicDepth = 0;
  /** Resources the value being walked references (undefined outside Resources). */
  private from: Set<string> | undefined;
  private inConditions = false;

  constructor(private readonly template: Template) {}

  run(): CheckedReferences {
    const { conditions, resources, outputs } = this.template;
    this.inConditions = true;
    for (const [name, definition] of Object.entries(conditions)) {
      this.walkAt(definition, "Conditions", name);
      this.checkConditionReferences(definition, ["Conditions", name]);
    }
    this.inConditions = false;
    for (const resource of resources.values()) {
      const { logicalId } = resource;
      this.from = new Set<string>();
      this.edges.set(logicalId, this.from);
      if (resource.condition !== undefined)
        this.checkCondition(resource.condition, ["Resources", logicalId, "Condition"]);
      this.siteList = [];
      this.sites.set(logicalId, this.siteList);
      this.walkAt(resource.properties, "Resources", logicalId, "Properties");
      this.siteList = undefined;
      for (const target of resource.dependsOn) {
        if (!resources.has(target))
          this.fail(
            `DependsOn names ${target}, which is not a resource of this template`,
            ["Resources", logicalId, "DependsOn"],
            didYouMean(target, resources.keys(), `declare ${target} under Resources`),
          );
        this.from.add(target);
      }
    }
    this.from = undefined;
    for (const [name, output] of Object.entries(outputs)) {
      if (output.Condition !== undefined) this.checkCondition(output.Condition, ["Outputs", name, "Condition"]);
      this.walkAt(output, "Outputs", name);
    }
    return { order: dependencyOrder(this.template, this.edges), sites: this.sites };
  }

  private fail(message: string, path: Path, hint?: string): never {
    throw new TemplateError(message, placeIn(this.template, path.join(".")), hint);
  }

  /** The path of the intrinsic being checked (built only on failure). */
  private here(name: string): Path {
    return [...this.path, name];
  }

  private walkAt(value: unknown, ...start: string[]): void {
    this.path.length = 0;
    this.path.push(...start);
    this.walk(value);
  }

  private walk(value: unknown): void {
    const path = this.path;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        this.walk(value[i]);
        path.pop();
      }
      return;
    }
    if (!isRecord(value)) return;
    const name = intrinsicName(value);
    if (name === undefined) {
      for (const key in value) {
        path.push(key);
        this.walk(value[key]);
        path.pop();
      }
      return;
    }
    // Sites are relative to Properties: the path starts "Resources", logicalId, "Properties".
    if (this.intrinsicDepth === 0 && this.siteList) this.siteList.push(path.slice(3));
    this.visit(name, value[name]);
    this.intrinsicDepth++;
    path.push(name);
    this.walk(value[name]);
    path.pop();
    this.intrinsicDepth--;
  }

  private visit(name: string, argument: unknown): void {
    if (name === "Ref") this.ref(argument, name);
    else if (name === "Fn::GetAtt") {
      const target = Array.isArray(argument)
        ? argument[0]
        : typeof argument === "string"
          ? argument.split(".")[0]
          : undefined;
      if (typeof target !== "string")
        this.fail("Fn::GetAtt must be [LogicalId, Attribute] or LogicalId.Attribute", this.here(name));
      this.getAtt(target, name);
    } else if (name === "Fn::Sub") {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
      if (typeof text !== "string" || !text.includes("${")) return;
      for (const part of parseSub(text)) {
        if (typeof part === "string" || (isRecord(variables) && part.variable in variables)) continue;
        const dot = part.variable.indexOf(".");
        if (dot > 0 && !PSEUDO_PARAMETERS.has(part.variable)) this.getAtt(part.variable.slice(0, dot), name);
        else this.ref(part.variable, name);
      }
    } else if (name === "Fn::If")
      this.checkCondition(Array.isArray(argument) ? argument[0] : undefined, [...this.here(name), 0]);
  }

  private ref(target: unknown, name: string): void {
    const { parameters, resources } = this.template;
    if (typeof target !== "string") this.fail("Ref must name a parameter or resource", this.here(name));
    if (target in parameters || PSEUDO_PARAMETERS.has(target)) return;
    if (resources.has(target)) {
      this.useResource(target, name, "Ref to resource");
      return;
    }
    const names = [...Object.keys(parameters), ...resources.keys(), ...PSEUDO_PARAMETERS];
    this.fail(
      `Ref to ${target}, which is not a parameter, resource or pseudo parameter of this template`,
      this.here(name),
      didYouMean(target, names, `declare ${target} under Parameters or Resources`),
    );
  }

  private getAtt(target: string, name: string): void {
    const { resources } = this.template;
    if (resources.has(target)) {
      this.useResource(target, name, "Fn::GetAtt on resource");
      return;
    }
    this.fail(
      `Fn::GetAtt on ${target}, which is not a resource of this template`,
      this.here(name),
      didYouMean(target, resources.keys(), `declare ${target} under Resources`),
    );
  }

  private useResource(target: string, name: string, what: string): void {
    if (this.inConditions)
      this.fail(
        `${what} ${target}: conditions can only use parameters, not resources`,
        this.here(name),
        "compare parameters in Conditions",
      );
    this.from?.add(target);
  }

  private checkCondition(name: unknown, path: Path): void {
    const { conditions } = this.template;
    if (typeof name !== "string") this.fail("a condition reference must be a condition name", path);
    if (!(name in conditions))
      this.fail(
        `condition ${name} is not defined under Conditions`,
        path,
        didYouMean(name, Object.keys(conditions), "declare it under Conditions"),
      );
  }

  /** Checks the `{ Condition: Name }` references inside a condition definition. */
  private checkConditionReferences(value: unknown, path: Path): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.checkConditionReferences(value[i], [...path, i]);
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === "Condition") this.checkCondition(value.Condition, [...path, "Condition"]);
      else for (const key of keys) this.checkConditionReferences(value[key], [...path, key]);
    }
  }
}

/**
 * Depth-first post-order over the reference graph, iterative so a 10,000-long chain of references
 * cannot overflow the stack. Meeting a resource that is still on the path is a cycle.
 */
const dependencyOrder = (template: Template, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] => {
  const order: string[] = [];
  const state = new Map<string, "active" | "done">();
  for (const root of edges.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const pending: Iterator<string>[] = [edges.get(root)!.values()];
    state.set(root, "active");
    while (path.length > 0) {
      const next = pending[pending.length - 1].next();
      if (next.done) {
        const finished = path.pop()!;
        pending.pop();
        state.set(finished, "done");
        order.push(finished);
        continue;
      }
      const target = next.value;
      const seen = state.get(target);
      if (seen === "done") continue;
      if (seen === "active") {
        const cycle = [...path.slice(path.indexOf(target)), target];
        throw new TemplateError(
          `circular dependency between resources: ${cycle.join(" → ")}`,
          placeIn(template, `Resources.${target}`),
          "CloudFormation cannot create resources that depend on each other; remove one of the Ref, Fn::GetAtt, Fn::Sub or DependsOn links in the cycle",
        );
      }
      state.set(target, "active");
      path.push(target);
      pending.push(edges.get(target)!.values());
    }
  }
  return order;
};
