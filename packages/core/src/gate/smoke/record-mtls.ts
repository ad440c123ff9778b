import { randomUUID } from "node:crypto";
import { DescribeServicesCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { UsageError } from "../../kernel/errors";
import { recordEvidence } from "../../kernel/results/evidence";
import type { EvidenceProvenance, EvidenceRecord } from "../../kernel/results/records/evidence";
import type { ResultsTable } from "../../kernel/results/table";
import { mtlsEvidenceOf } from "./mtls-evidence";
import type { MtlsProbeResult } from "./mtls-probe";
import type { SmokeTarget } from "./types";

export interface MtlsRecording {
  readonly ecs: ECSClient;
  readonly results: ResultsTable;
  /** The ECS service: its ARN, or its name with `cluster`. */
  readonly service: string;
  readonly cluster?: string;
  readonly provenance: EvidenceProvenance;
  readonly now?: () => Date;
}

const SERVICE_ARN = /^arn:[^:]+:ecs:[^:]*:\d*:service\/([^/]+)\/([^/]+)$/;

/**
 * Records a finished handshake probe as the `mtls` evidence of an ECS service, against the task
 * definition it runs now (read from ECS, so the record names the revision that answered). An
 * undecided probe is not recorded (undefined). A service that cannot be found is an input error.
 */
export const recordMtlsProbe = async (
  probe: MtlsProbeResult,
  target: SmokeTarget,
  recording: MtlsRecording,
): Promise<EvidenceRecord | undefined> => {
  const fromArn = SERVICE_ARN.exec(recording.service);
  const cluster = recording.cluster ?? fromArn?.[1];
  if (!cluster)
    throw new UsageError(
      `cannot tell the cluster of service "${recording.service}"`,
      undefined,
      "give the service's ARN, or its cluster (readiness.yml services[].cluster or --cluster)",
    );
  const described = await recording.ecs.send(
    new DescribeServicesCommand({ cluster, services: [fromArn?.[2] ?? recording.service] }),
  );
  const service = described.services?.[0];
  if (!service?.serviceArn || !service.taskDefinition)
    throw new UsageError(
      `ECS service ${cluster}/${recording.service} was not found: ${described.failures?.[0]?.reason ?? "no such service"}`,
      undefined,
      "check the service name and cluster, and the region or endpoint",
    );
  const record = mtlsEvidenceOf(probe, target, {
    service: service.serviceArn,
    revision: service.taskDefinition,
    at: recording.now?.() ?? new Date(),
    evidenceId: randomUUID(),
    provenance: recording.provenance,
  });
  if (record) await recordEvidence(recording.results, record);
  return record;
};
