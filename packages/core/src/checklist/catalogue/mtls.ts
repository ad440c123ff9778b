import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";
import { mtlsListener } from "../rules/elbv2/mtls";

const params = z.strictObject({});

/** mTLS between gRPC clients and API service */
export const mtlsItem: ItemDeclaration<"mtls", typeof params> = {
  id: "mtls",
  section: "Security",
  title: "mTLS between gRPC clients and API service",
  kinds: ["config", "probe"],
  severity: "high",
  decidedBy:
    "the API listener requires client certificates (ALB mutual authentication `verify` with a trust store, or the service's own TLS declared); probe: a handshake without a client certificate is refused and one with the configured certificate succeeds",
  remediation:
    "Set the API listener's `MutualAuthentication` to `Mode: verify` with a trust store (HTTPS listener), or declare the service's own mTLS in readiness.yml.",
  needs: { probe: "needs probe: no TLS handshake probe recorded" },
  params,
  rules: [mtlsListener],
};
