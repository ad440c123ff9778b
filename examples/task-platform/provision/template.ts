import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { cloudFormationTags } from "@readiness/core/checklist/adapters/template/yaml-tags";
import { asRecord, isRecord } from "@readiness/core/checklist/model/value";
import { ProvisionError } from "./errors";

export type Variant = "compliant" | "broken";

export const VARIANTS: readonly Variant[] = ["compliant", "broken"];

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly dependsOn: readonly string[];
}

/** One variant's template: its text (sent to CreateStack) and its parsed resources (what to verify). */
export interface PlatformTemplate {
  readonly variant: Variant;
  readonly file: string;
  readonly body: string;
  readonly parameters: Record<string, Record<string, unknown>>;
  readonly resources: readonly TemplateResource[];
}

export const templateFile = (variant: Variant): string => join(import.meta.dirname, "..", `${variant}.yaml`);

export const loadPlatformTemplate = (variant: Variant): PlatformTemplate => {
  if (!VARIANTS.includes(variant))
    throw new ProvisionError(`unknown platform variant "${String(variant)}"`, `use one of: ${VARIANTS.join(", ")}`);
  const file = templateFile(variant);
  const body = readFileSync(file, "utf8");
  const document = asRecord(parse(body, { customTags: cloudFormationTags }));
  const resources = Object.entries(asRecord(document.Resources)).map(([logicalId, value]) => {
    const resource = asRecord(value);
    const dependsOn = resource.DependsOn;
    return {
      logicalId,
      type: String(resource.Type),
      properties: asRecord(resource.Properties),
      dependsOn: typeof dependsOn === "string" ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn.map(String) : [],
    };
  });
  const parameters = Object.fromEntries(
    Object.entries(asRecord(document.Parameters)).filter(([, v]) => isRecord(v)) as [string, Record<string, unknown>][],
  );
  return { variant, file, body, parameters, resources };
};

export const resourcesOfType = (template: PlatformTemplate, type: string): readonly TemplateResource[] =>
  template.resources.filter((r) => r.type === type);
