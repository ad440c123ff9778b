import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { noEnvSecrets } from "../rules/ecs/no-env-secrets";

const params = z.strictObject({
  /** Shannon entropy (bits per character) above which a long value is treated as a secret. */
  entropyThreshold: z
    ._default(z.number().check(z.positive()), 4.0)
    .check(z.describe("bits per character above which a long value looks like a secret")),
  /** Minimum length of a value before entropy is considered. */
  minEntropyLength: z
    ._default(z.int().check(z.positive()), 20)
    .check(z.describe("shortest value the entropy test applies to")),
  /** Variable names never flagged (exact match), for known false positives. */
  allowNames: z
    ._default(z.array(z.string()), [])
    .check(z.describe("variable names never flagged (known false positives)")),
});

/** No secrets in task definition environment variables (Secrets Manager) */
export const noEnvSecretsItem: ItemDeclaration<"no-env-secrets", typeof params> = declareItem({
  id: "no-env-secrets",
  section: "Security",
  title: "No secrets in task definition environment variables (Secrets Manager)",
  severity: "critical",
  decidedBy:
    "no environment variable whose name or value looks like a credential (name patterns, known key formats, entropy of unstructured values), and none set from a `NoEcho` parameter or, under a credential's name, from any value set at deploy; secrets come from `secrets[].valueFrom` (Secrets Manager or SSM); `environmentFiles` flagged",
  remediation:
    "Move credentials to Secrets Manager (or SSM SecureString) and reference them with `Secrets[].ValueFrom`; rotate any credential that was in an environment variable; replace `EnvironmentFiles` with `Secrets`.",
  params,
  rules: [noEnvSecrets],
});
