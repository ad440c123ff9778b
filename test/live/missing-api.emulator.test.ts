import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { createLiveClients } from "@readiness/core/checklist/adapters/live/clients";
import { EndpointLacksApiError, translateSdkError } from "@readiness/core/checklist/adapters/live/errors";
import { describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";

const moto = useEmulator();
const ROLE = "arn:aws:iam::123456789012:role/any";

/** The error an action fails with, and how many attempts the SDK made. */
const failureOf = async (iam: IAMClient): Promise<{ error: unknown; attempts: number | undefined }> => {
  try {
    await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: ROLE, ActionNames: ["s3:GetObject"] }));
  } catch (error) {
    return { error, attempts: (error as { $metadata?: { attempts?: number } }).$metadata?.attempts };
  }
  throw new Error("moto answered SimulatePrincipalPolicy: this test needs an API the emulator lacks");
};

describe("an API the endpoint lacks (moto: HTTP 500 with an HTML page)", () => {
  it("the live clients ask once and read the answer as 'endpoint lacks' the action", async () => {
    const { iam } = createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" });
    const { error, attempts } = await failureOf(iam);
    expect(attempts).toBe(1);
    const translated = translateSdkError(error, "iam:SimulatePrincipalPolicy");
    expect(translated).toBeInstanceOf(EndpointLacksApiError);
    expect((translated as EndpointLacksApiError).reason).toBe("endpoint lacks iam:SimulatePrincipalPolicy");
  });

  it("a plain SDK client retries the same answer (what the middleware spares)", async () => {
    const iam = new IAMClient({ ...moto.clientConfig(), maxAttempts: 3, retryMode: "standard" });
    const { error, attempts } = await failureOf(iam);
    expect(attempts).toBe(3);
    expect(translateSdkError(error, "iam:SimulatePrincipalPolicy")).toBeInstanceOf(EndpointLacksApiError);
  });
});
