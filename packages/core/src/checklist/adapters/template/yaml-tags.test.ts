// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use ${} on purpose
import { describe, expect, it } from "vitest";
import { parseTemplateText } from "./parse";

const bodyOf = (yaml: string): unknown => parseTemplateText("short-forms.yaml", yaml).body;

describe("YAML short-form intrinsics", () => {
  it("Compliance: every short form becomes its long form", () => {
    const body = bodyOf(
      [
        "Ref: !Ref Queue",
        "GetAttDotted: !GetAtt Queue.Arn",
        "GetAttNested: !GetAtt Network.Outputs.VpcId",
        "GetAttList: !GetAtt [Queue, Arn]",
        "SubString: !Sub '${AWS::Region}-jobs'",
        "SubList: !Sub ['${Name}-jobs', { Name: !Ref Env }]",
        "Join: !Join ['-', [a, !Ref Env]]",
        "Select: !Select [0, !GetAZs '']",
        "Split: !Split [',', 'a,b']",
        "If: !If [IsProd, 2, 1]",
        "Equals: !Equals [!Ref Env, prod]",
        "Not: !Not [!Condition IsProd]",
        "And: !And [!Condition A, !Condition B]",
        "Or: !Or [!Condition A, !Condition B]",
        "FindInMap: !FindInMap [Sizing, !Ref Env, Cpu]",
        "ImportValue: !ImportValue shared-vpc",
        "Base64: !Base64 { 'Fn::Sub': 'echo ${AWS::StackName}' }",
        "Cidr: !Cidr [10.0.0.0/16, 4, 8]",
      ].join("\n"),
    );
    expect(body).toEqual({
      Ref: { Ref: "Queue" },
      GetAttDotted: { "Fn::GetAtt": ["Queue", "Arn"] },
      GetAttNested: { "Fn::GetAtt": ["Network", "Outputs.VpcId"] },
      GetAttList: { "Fn::GetAtt": ["Queue", "Arn"] },
      SubString: { "Fn::Sub": "${AWS::Region}-jobs" },
      SubList: { "Fn::Sub": ["${Name}-jobs", { Name: { Ref: "Env" } }] },
      Join: { "Fn::Join": ["-", ["a", { Ref: "Env" }]] },
      Select: { "Fn::Select": [0, { "Fn::GetAZs": "" }] },
      Split: { "Fn::Split": [",", "a,b"] },
      If: { "Fn::If": ["IsProd", 2, 1] },
      Equals: { "Fn::Equals": [{ Ref: "Env" }, "prod"] },
      Not: { "Fn::Not": [{ Condition: "IsProd" }] },
      And: { "Fn::And": [{ Condition: "A" }, { Condition: "B" }] },
      Or: { "Fn::Or": [{ Condition: "A" }, { Condition: "B" }] },
      FindInMap: { "Fn::FindInMap": ["Sizing", { Ref: "Env" }, "Cpu"] },
      ImportValue: { "Fn::ImportValue": "shared-vpc" },
      Base64: { "Fn::Base64": { "Fn::Sub": "echo ${AWS::StackName}" } },
      Cidr: { "Fn::Cidr": ["10.0.0.0/16", 4, 8] },
    });
  });

  it("Compliance: the long forms in YAML are left as they are", () => {
    expect(bodyOf("A:\n  Fn::GetAtt: [Queue, Arn]\n")).toEqual({ A: { "Fn::GetAtt": ["Queue", "Arn"] } });
  });
});
