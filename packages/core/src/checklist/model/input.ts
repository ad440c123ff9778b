import type { SourceLocation } from "./resource";

/** A nested stack whose template could not be read: none of its resources were checked. */
export interface MissingNestedStack {
  /** The AWS::CloudFormation::Stack resource (inventory id). */
  readonly resource: string;
  readonly location: SourceLocation;
  /** Its TemplateURL as written or resolved. */
  readonly templateUrl: string;
  /** Why no file was found for it. */
  readonly reason: string;
}

/** A SAM resource (Transform: AWS::Serverless-2016-10-31) the check expanded, and the resources it became. */
export interface SamResource {
  /** Inventory id of the SAM resource (AWS::Serverless::Function …). */
  readonly resource: string;
  readonly type: string;
  readonly location: SourceLocation;
  /** Inventory ids of the CloudFormation resources it was expanded to (these are what rules judge). */
  readonly expandedTo: readonly string[];
  /** Parts of it this check does not model ("Events.Thumbnails (IoTRule)"): not judged. Empty when all was read. */
  readonly notModelled: readonly string[];
}

/**
 * What a check read of its input, where it matters for trusting the verdicts: every report
 * format shows it. A template check that could not read part of its input says so here, and
 * (unless the user accepted it) its exit code fails.
 */
export interface InputNotes {
  readonly missingNestedStacks: readonly MissingNestedStack[];
  /** `--allow-missing-nested`: the user accepts the missing templates; the run does not fail for them. */
  readonly missingNestedAllowed: boolean;
  readonly samResources: readonly SamResource[];
}

/** A run that read less than it was given, and was not told that is acceptable. */
export const isIncomplete = (notes: InputNotes | undefined): boolean =>
  notes !== undefined && notes.missingNestedStacks.length > 0 && !notes.missingNestedAllowed;
