import type { SecretLoader } from "../smoke/tls-material";
import { type ClientWrapper, sdkClientConfig, unwrapped } from "../../kernel/sdk-clients";

/**
 * The smoke test's client certificate from Secrets Manager (`smoke.tls.secretId`), for the gate's
 * functions. The Secrets Manager client loads on first use: most gated services do not use one,
 * and the functions' init should not pay for it.
 */
export const lazySecretsManagerLoader = (
  settings: { readonly region: string; readonly endpoint?: string },
  wrap: ClientWrapper = unwrapped,
): SecretLoader => {
  let loader: Promise<SecretLoader> | undefined;
  return async (secretId) => {
    loader ??= Promise.all([import("@aws-sdk/client-secrets-manager"), import("../smoke/secrets")]).then(
      ([{ SecretsManagerClient }, { secretsManagerLoader }]) =>
        secretsManagerLoader(wrap(new SecretsManagerClient(sdkClientConfig(settings)))),
    );
    return (await loader)(secretId);
  };
};
