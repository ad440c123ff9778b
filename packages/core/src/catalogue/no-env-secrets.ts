import * as z from "../validation/zod";
import type { ItemDeclaration } from "./item";
import { noEnvSecrets } from "../rules/ecs/no-env-secrets";

const params = z.strictObject({
  /** Shannon entropy (bits per character) above which a long value is treated as a secret. */
  entropyThreshold: z._default(z.number().check(z.positive()), 4.0),
  /** Minimum length of a value before entropy is considered. */
  minEntropyLength: z._default(z.int().check(z.positive()), 20),
  /** Variable names never flagged (exact match), for known false positives. */
  allowNames: z._default(z.array(z.string()), []),
});

/** No secrets in task definition environment variables (Secrets Manager) */
export const noEnvSecretsItem: ItemDeclaration<"no-env-secrets", typeof params> = {
  id: "no-env-secrets",
  section: "Security",
  title: "No secrets in task definition environment variables (Secrets Manager)",
  kinds: ["config"],
  severity: "critical",
  decidedBy:
    "no environment variable whose name or value looks like a credential, or whose value comes from a NoEcho parameter; secrets come from secrets[].valueFrom; environmentFiles flagged",
  remediation:
    "Move credentials to Secrets Manager (or SSM SecureString) and reference them with `Secrets[].ValueFrom`; rotate any credential that was in an environment variable; replace `EnvironmentFiles` with `Secrets`.",
  needs: {},
  params,
  rules: [noEnvSecrets],
};
