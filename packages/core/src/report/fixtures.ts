import { CHECKLIST, type ItemId } from "../catalogue/items";
import type { CheckReport, ItemResult } from "../engine/engine";
import type { ScopeSummary } from "../engine/scope";
import type { Finding, PartResult, Status } from "../model/finding";

/** Test fixture: an item result with the catalogue's metadata and the given verdict. */
export const itemResult = (id: ItemId, status: Status, summary: string, findings: Finding[] = []): ItemResult => {
  const item = CHECKLIST.find((i) => i.id === id)!;
  const parts: PartResult[] = item.kinds.map((kind) => ({ kind, status, reason: summary }));
  return {
    id,
    section: item.section,
    title: item.title,
    kinds: item.kinds,
    severity: item.severity,
    status,
    summary,
    parts,
    findings,
    remediation: item.remediation,
  };
};

export const finding = (
  resource: string,
  type: string,
  status: Status,
  reason: string,
  location?: Finding["location"],
): Finding => ({
  resource,
  type,
  status,
  reason,
  kind: "config",
  ...(location ? { location } : {}),
});

/**
 * A report with every case the formats must handle: a failed item with a located finding whose
 * reason holds markup characters, an unknown item without findings (evidence), an unknown item with
 * an unknown finding, a passing item, and a failure from a live source (no file).
 */
export const sampleReport = (templatePath: string): CheckReport => ({
  source: "template.yaml",
  items: [
    itemResult("dlq-coverage", "fail", "1 of 2 resources fail", [
      finding("OrdersQueue", "AWS::SQS::Queue", "fail", `queue <orders> & "co" has no 'RedrivePolicy' | DLQ`, {
        file: templatePath,
        line: 4,
        column: 3,
      }),
      finding("TasksQueue", "AWS::SQS::Queue", "pass", "queue tasks redrives to DLQ tasks-dlq", {
        file: templatePath,
        line: 9,
      }),
    ]),
    itemResult("load-tested", "unknown", "needs evidence: no load test recorded"),
    itemResult("ecs-multi-az", "fail", "1 of 1 resources fail", [
      finding(
        "arn:aws:ecs:us-east-1:123456789012:service/prod/api",
        "AWS::ECS::Service",
        "fail",
        "desired count 1 < 2",
        {
          file: "http://127.0.0.1:5000",
        },
      ),
    ]),
    itemResult("no-env-secrets", "unknown", "1 of 1 resources could not be decided", [
      finding("ApiTask", "AWS::ECS::TaskDefinition", "unknown", "environment is unknown: unresolved Ref", {
        file: templatePath,
        line: 20,
      }),
    ]),
    itemResult("container-hardening", "pass", "1 resources pass", [
      finding("ApiTask", "AWS::ECS::TaskDefinition", "pass", "every container is hardened", {
        file: templatePath,
        line: 20,
      }),
    ]),
  ],
});

/** The scope of a live check of one cluster, as buildScope summarises it. */
export const CLUSTER_SCOPE: ScopeSummary = {
  kind: "clusters",
  description: "clusters platform",
  clusters: ["platform"],
  services: ["api", "worker"],
};

/** The sample report with the scope a live check of one cluster reports. */
export const scopedReport = (templatePath: string): CheckReport => ({
  ...sampleReport(templatePath),
  scope: CLUSTER_SCOPE,
});
