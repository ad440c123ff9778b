import { describe, expect, it } from "vitest";
import {
  EndpointLacksApiError,
  LiveAccessDeniedError,
  LiveApiError,
  LiveResourceGoneError,
  translateSdkError,
} from "./errors";

/** An error shaped like the SDK's service exceptions (name, $fault, $metadata). */
const sdkError = (name: string, status: number, message = `${name} happened`): Error =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
  });

/** What the SDK throws when an endpoint answers an unknown action with an HTML error page (moto does). */
const unparseable = (status: number, protocol: "json" | "xml"): Error => {
  const error =
    protocol === "json"
      ? Object.assign(
          new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: ...`),
          {},
        )
      : new Error("@aws-sdk XML parse error: mismatched tags <html> and </title>.\n  Deserialization error: ...");
  return Object.assign(error, { $metadata: { httpStatusCode: status } });
};

describe("translateSdkError", () => {
  it.each(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"])(
    "Denied: %s becomes missing permission",
    (name) => {
      const error = translateSdkError(sdkError(name, 400), "ecs:DescribeServices");
      expect(error).toBeInstanceOf(LiveAccessDeniedError);
      expect((error as LiveAccessDeniedError).reason).toBe("missing permission ecs:DescribeServices");
    },
  );

  it("Denied: any other HTTP 403 answer becomes missing permission", () => {
    expect(translateSdkError(sdkError("Forbidden", 403), "sqs:ListQueues")).toBeInstanceOf(LiveAccessDeniedError);
  });

  it.each([
    ["a JSON protocol", unparseable(500, "json")],
    ["a query/XML protocol", unparseable(500, "xml")],
  ])("Lacking API: an unparseable HTML answer over %s becomes endpoint lacks", (_protocol, error) => {
    const translated = translateSdkError(error, "ecs:ListServiceDeployments");
    expect(translated).toBeInstanceOf(EndpointLacksApiError);
    expect((translated as EndpointLacksApiError).reason).toBe("endpoint lacks ecs:ListServiceDeployments");
  });

  it.each(["UnknownOperationException", "InvalidAction", "NotImplemented"])(
    "Lacking API: %s becomes endpoint lacks",
    (name) => {
      expect(translateSdkError(sdkError(name, 400), "logs:DescribeLogGroups")).toBeInstanceOf(EndpointLacksApiError);
    },
  );

  it("Gone: a not-found error names the action and is not a permission problem", () => {
    const translated = translateSdkError(sdkError("QueueDoesNotExist", 400), "sqs:GetQueueAttributes");
    expect(translated).toBeInstanceOf(LiveResourceGoneError);
  });

  it("Other: a validation error keeps its name and first message line", () => {
    const translated = translateSdkError(sdkError("ValidationException", 400, "bad input\nmore"), "ecs:ListTasks");
    expect(translated).toBeInstanceOf(LiveApiError);
    expect((translated as LiveApiError).reason).toBe("ecs:ListTasks failed: ValidationException: bad input");
  });

  it("Fatal: no network and no credentials are returned unchanged, for the caller to explain once", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    const noCredentials = Object.assign(new Error("Could not load credentials"), { name: "CredentialsProviderError" });
    const badToken = sdkError("UnrecognizedClientException", 400);
    for (const error of [refused, noCredentials, badToken])
      expect(translateSdkError(error, "ecs:ListClusters")).toBe(error);
  });
});
