import type { InputPlace } from "../../../kernel/errors";
import type { KeyPositions } from "./locate";

/** One resource of a template, as written (intrinsics not yet resolved). */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly condition?: string;
  readonly dependsOn: readonly string[];
  readonly metadata: Record<string, unknown>;
}

/** A CloudFormation template that passed the structural checks. */
export interface Template {
  readonly file: string;
  readonly positions: KeyPositions;
  readonly parameters: Record<string, Record<string, unknown>>;
  readonly mappings: Record<string, unknown>;
  readonly conditions: Record<string, unknown>;
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly outputs: Record<string, Record<string, unknown>>;
}

/** The place of a template path ("Resources.Api.Properties.Image"): the line of its section entry. */
export const placeIn = (template: Pick<Template, "file" | "positions">, path: string): InputPlace => {
  const [section, entry] = path.split(".", 2);
  const position =
    (entry !== undefined ? template.positions.get(`${section}.${entry}`) : undefined) ??
    template.positions.get(section);
  return { file: template.file, line: position?.line, column: position?.column, path };
};
