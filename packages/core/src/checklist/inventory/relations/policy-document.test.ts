import { describe, expect, it } from "vitest";
import { policyDocument as configItemPolicy } from "../../adapters/config-item/support";
import { policyDocument as livePolicy } from "../../adapters/live/iam";
import { unknownValue } from "../../model/value";
import { parsePolicyDocument, policyObjectOf } from "./iam";

const DOCUMENT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] };
const JSON_TEXT = JSON.stringify(DOCUMENT);
// As IAM and AWS Config give it: URL-encoded, a space as "+".
const ENCODED = encodeURIComponent(JSON.stringify({ ...DOCUMENT, Sid: "a b" })).replace(/%20/g, "+");

describe("policy documents as JSON or URL-encoded JSON, read the same by every source", () => {
  it("Compliance: JSON text and URL-encoded JSON read as the document", () => {
    expect(policyObjectOf(JSON_TEXT)).toEqual(DOCUMENT);
    expect(policyObjectOf(ENCODED)).toEqual({ ...DOCUMENT, Sid: "a b" });
    expect(livePolicy(ENCODED)).toEqual({ ...DOCUMENT, Sid: "a b" });
    expect(configItemPolicy(ENCODED, "inline policy app")).toEqual({ ...DOCUMENT, Sid: "a b" });
    expect(parsePolicyDocument(JSON_TEXT)).toEqual(DOCUMENT);
  });

  it("Noncompliance: text that is neither is unreadable, each source saying so in its own words", () => {
    expect(policyObjectOf("%E0%A4%A")).toBeUndefined();
    expect(livePolicy("not a policy")).toBe("not a policy");
    expect(parsePolicyDocument(livePolicy("not a policy"))).toEqual(
      unknownValue("policy document is neither JSON nor URL-encoded JSON"),
    );
    expect(configItemPolicy("not a policy", "inline policy app")).toEqual(
      unknownValue("inline policy app is not valid (URL-encoded) JSON"),
    );
  });
});
