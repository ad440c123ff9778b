import type { EvidenceProvenance, EvidenceRecord } from "../../kernel/results/records/evidence";
import type { MtlsProbeResult } from "./mtls-probe";
import type { SmokeTarget } from "./types";

/** The item the handshake probe is evidence for. */
export const MTLS_ITEM = "mtls";

export interface MtlsEvidenceContext {
  /** The ECS service ARN. */
  readonly service: string;
  /** The task definition ARN the service ran when probed. */
  readonly revision: string;
  readonly at: Date;
  readonly evidenceId: string;
  readonly provenance: EvidenceProvenance;
}

/** Whether the target names a client certificate: without one the probe cannot show one accepted. */
export const hasClientCertificate = (target: SmokeTarget): boolean =>
  Boolean(target.tls?.secretId || (target.tls?.certFile && target.tls.keyFile));

/**
 * The evidence record of one handshake probe; undefined when it decided nothing (unreachable, a
 * server certificate it could not verify, no client certificate): an undecided probe is not
 * evidence either way, and recording it would hide the previous record.
 */
export const mtlsEvidenceOf = (
  probe: MtlsProbeResult,
  target: SmokeTarget,
  context: MtlsEvidenceContext,
): EvidenceRecord | undefined => {
  if (probe.verdict === "unknown") return undefined;
  const observed = probe.observed;
  return {
    itemId: MTLS_ITEM,
    service: context.service,
    revision: context.revision,
    recordedAt: context.at.toISOString(),
    evidenceId: context.evidenceId,
    provenance: context.provenance,
    figures: {
      endpoint: observed?.endpoint ?? target.endpoint,
      protocol: target.protocol,
      ...(observed?.protocol ? { tlsVersion: observed.protocol } : {}),
      ...(observed?.withCertificate ? { handshakeWithCertificate: observed.withCertificate } : {}),
      ...(observed?.withoutCertificate ? { handshakeWithoutCertificate: observed.withoutCertificate } : {}),
      certificateAccepted: observed?.withCertificate === "accepted",
      clientCertificateRequired: observed?.withoutCertificate === "refused",
    },
    verdict: probe.verdict,
    reason: `mTLS handshake probe of ${observed?.endpoint ?? target.endpoint}: ${probe.reason}`,
  };
};
