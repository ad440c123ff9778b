import { isRecord } from "../../model/value";
import { expandLanguageExtensions, LANGUAGE_EXTENSIONS } from "./language-extensions";
import { resolveParameters } from "./parameters";
import type { ParsedFile } from "./parse";
import { expandSam, SERVERLESS_TRANSFORM, type SamExpansion } from "./sam";

/** The transforms a template declares, in the order CloudFormation applies them. */
export const transformsOf = (body: unknown): string[] => {
  const declared = isRecord(body) ? body.Transform : undefined;
  const list = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  return list.map((transform) => (isRecord(transform) ? String(transform.Name) : String(transform)));
};

/** True when reading the template depends on the parameter values it is given (Fn::ForEach over a parameter). */
export const dependsOnParameters = (parsed: ParsedFile): boolean =>
  transformsOf(parsed.body).includes(LANGUAGE_EXTENSIONS);

export interface Transformed {
  readonly parsed: ParsedFile;
  /** SAM resources expanded by AWS::Serverless-2016-10-31. */
  readonly sam: readonly SamExpansion[];
}

/**
 * Applies the transforms CloudFormation would apply before creating the stack, in their order,
 * so the rest of the adapter sees the processed template: AWS::LanguageExtensions (with the
 * parameter values the stack is given) and AWS::Serverless-2016-10-31 (SAM). Other transforms (macros) are left as written, with a
 * warning: what they would add is not checked.
 */
export const applyTransforms = (
  parsed: ParsedFile,
  provided: ReadonlyMap<string, unknown>,
  warnings: string[],
): Transformed => {
  let current = parsed;
  let sam: SamExpansion[] = [];
  for (const transform of transformsOf(parsed.body)) {
    if (transform === LANGUAGE_EXTENSIONS) {
      const parameters = resolveParameters(
        { file: current.file, positions: current.positions, parameters: parametersOf(current.body) },
        provided,
      );
      current = expandLanguageExtensions(current, parameters);
    } else if (transform === SERVERLESS_TRANSFORM) {
      const expanded = expandSam(current);
      current = expanded.parsed;
      sam = expanded.expansions;
    } else
      warnings.push(
        `${parsed.file}: the transform ${transform} is not applied before checking; resources it would add or change are not checked`,
      );
  }
  return { parsed: current, sam };
};

const parametersOf = (body: unknown): Record<string, Record<string, unknown>> => {
  const section = isRecord(body) && isRecord(body.Parameters) ? body.Parameters : {};
  return Object.fromEntries(Object.entries(section).filter(([, value]) => isRecord(value))) as Record<
    string,
    Record<string, unknown>
  >;
};
