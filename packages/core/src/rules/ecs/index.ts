import type { ConfigRule } from "../rule";
import { cicdGate } from "./cicd-gate";
import { containerHardening } from "./container-hardening";
import { ecsMultiAz } from "./ecs-multi-az";
import { gracefulShutdown } from "./graceful-shutdown";
import { imageProvenance } from "./image-provenance";
import { noEnvSecrets } from "./no-env-secrets";
import { tracesExported } from "./traces-exported";

/** Rules whose subject resources are ecs resources. */
export const ecsRules: readonly ConfigRule[] = [
  ecsMultiAz,
  gracefulShutdown,
  noEnvSecrets,
  containerHardening,
  imageProvenance,
  tracesExported,
  cicdGate,
] as readonly ConfigRule[];
