import * as z from "../../kernel/validation/zod";
import { recordedEvidence } from "../sources/recorded-evidence";
import { declareItem, type ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";
import { mtlsListener } from "../rules/elbv2/mtls";

const params = z.strictObject({
  ...evidenceWindow("probe window: days a recorded mTLS handshake probe counts before it is stale"),
});

/** mTLS between gRPC clients and API service */
export const mtlsItem: ItemDeclaration<"mtls", typeof params> = declareItem({
  id: "mtls",
  section: "Security",
  title: "mTLS between gRPC clients and API service",
  severity: "high",
  decidedBy:
    "the API listener requires client certificates (ALB mutual authentication `verify` with a trust store, or the service's own TLS declared); probe: a handshake without a client certificate is refused and one with the configured certificate succeeds (recorded by the deployment gate and `readiness smoke --mtls-probe --results-table`; it decides the item when the listener's settings cannot be read)",
  remediation:
    "Set the API listener's `MutualAuthentication` to `Mode: verify` with a trust store (HTTPS listener), or declare the service's own mTLS in readiness.yml.",
  needs: { probe: "no TLS handshake probe recorded" },
  params,
  sources: {
    probe: recordedEvidence({
      howToGather:
        "let the deployment gate smoke-test the API with its client certificate, or run readiness smoke --mtls-probe --results-table TABLE --service ARN",
      roles: ["api"],
    }),
  },
  decidesUnreadableConfig: "probe",
  rules: [mtlsListener],
});
