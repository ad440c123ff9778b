import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from "yaml";

/**
 * CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) as `yaml` custom tags.
 * Each tag resolves to the long form (`{ Ref: X }`, `{ "Fn::GetAtt": [A, B] }`), so the rest of the
 * adapter only ever sees JSON-shaped templates. Every tag accepts scalar, sequence and map
 * content; whether the content is valid for the function is the evaluator's business, which
 * reports it with the template path rather than a YAML parse error.
 */
const SHORT_FORMS: Record<string, string> = {
  Ref: "Ref",
  Condition: "Condition",
  GetAtt: "Fn::GetAtt",
  Sub: "Fn::Sub",
  Join: "Fn::Join",
  Select: "Fn::Select",
  Split: "Fn::Split",
  If: "Fn::If",
  Equals: "Fn::Equals",
  Not: "Fn::Not",
  And: "Fn::And",
  Or: "Fn::Or",
  FindInMap: "Fn::FindInMap",
  GetAZs: "Fn::GetAZs",
  ImportValue: "Fn::ImportValue",
  Base64: "Fn::Base64",
  Cidr: "Fn::Cidr",
  Length: "Fn::Length",
  ToJsonString: "Fn::ToJsonString",
  Transform: "Fn::Transform",
};

/** `!GetAtt A.B.C` means attribute "B.C" of resource A (e.g. a nested stack's `Outputs.X`). */
const getAttScalar = (text: string): string[] => {
  const dot = text.indexOf(".");
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
};

const scalarTag = (short: string, long: string): ScalarTag => ({
  tag: `!${short}`,
  resolve: (text: string) => ({ [long]: short === "GetAtt" ? getAttScalar(text) : text }),
});

const collectionTag = (short: string, long: string, collection: "map" | "seq"): CollectionTag => ({
  tag: `!${short}`,
  collection,
  resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [long]: node.toJSON() }),
});

/** The tags, e.g. "!Ref", for messages. */
export const SHORT_FORM_TAGS: readonly string[] = Object.keys(SHORT_FORMS).map((short) => `!${short}`);

export const cloudFormationTags: (ScalarTag | CollectionTag)[] = Object.entries(SHORT_FORMS).flatMap(
  ([short, long]) => [scalarTag(short, long), collectionTag(short, long, "seq"), collectionTag(short, long, "map")],
);
