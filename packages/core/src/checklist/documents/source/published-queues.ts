import type { DocumentVerdictRecord, PublishedQueueDepth } from "../../../kernel/results/records/documents";
import type { Scope } from "../../engine/scope";
import type { Inventory } from "../../inventory/inventory";
import { isDeadLetterQueue } from "../../inventory/relations/dead-letters";
import { queueNameOf, SQS_QUEUE } from "../../inventory/relations/sqs";
import type { Finding } from "../../model/finding";
import { alarmedQueueDepth } from "../../rules/cloudwatch/golden-signals-queues";

/** A published verdict as this run weighs it: fresh, or stale with why. */
export interface WeighedRecord {
  readonly record: DocumentVerdictRecord;
  /** "published … from …" for a fresh record; the stale reason for one past its validity. */
  readonly published: string;
  readonly stale: boolean;
}

const entriesFor = (records: readonly WeighedRecord[], name: string) =>
  records.flatMap((weighed) =>
    (weighed.record.queueDepth ?? [])
      .filter((entry) => entry.queue === name)
      .map((entry): [PublishedQueueDepth, WeighedRecord] => [entry, weighed]),
  );

/**
 * golden-signals' queues on a run that reads published verdicts (live, Config): either source
 * counts, as on a template run. Each queue in scope is covered by a CloudWatch depth alarm this run
 * sees, or by the published documents' recording rules and dashboard queries for a queue of that
 * name; it fails only when neither does (a queue the published documents were not judged for is
 * covered by nothing read). Nothing is decided when no published verdict carries
 * queue coverage (none published, or published before it was stored): the CloudWatch rules stand.
 */
export const queueDepthFindings = (
  records: readonly WeighedRecord[],
  inventory: Inventory,
  scope: Scope,
): Finding[] => {
  const carrying = records.filter((weighed) => weighed.record.queueDepth !== undefined);
  if (carrying.length === 0) return [];
  const fresh = carrying.filter((weighed) => !weighed.stale);
  return inventory
    .ofType(SQS_QUEUE)
    .filter((queue) => scope.includes(queue))
    .map((queue): Finding => {
      const name = queueNameOf(queue);
      const what = `${isDeadLetterQueue(inventory, queue) ? "DLQ" : "queue"} depth of ${name}`;
      const decided = (status: Finding["status"], reason: string): Finding => ({
        resource: queue.id,
        type: queue.type,
        kind: "document",
        status,
        reason: `${what}: ${reason}`,
      });
      const alarm = alarmedQueueDepth(inventory, queue);
      if (alarm) return decided("pass", alarm);
      const [covered] = entriesFor(fresh, name).filter(([entry]) => entry.coveredBy);
      if (covered) return decided("pass", `${covered[0].coveredBy} (${covered[1].published})`);
      const judged = entriesFor(fresh, name);
      if (judged.length > 0)
        return decided(
          "fail",
          `no CloudWatch alarm, and no recording rule or dashboard query of the published documents covers it (${judged[0][1].published})`,
        );
      const stale = entriesFor(carrying, name);
      if (stale.length > 0)
        return decided("fail", `no CloudWatch alarm, and the documents' coverage is ${stale[0][1].published}`);
      // Not judged by the documents either: nothing read covers it, so it fails (as CloudWatch alone would).
      const known = [...new Set(fresh.flatMap((w) => (w.record.queueDepth ?? []).map((e) => e.queue)))];
      return decided(
        "fail",
        `no CloudWatch alarm, and the documents were published for other queues only (${known.join(", ") || "none fresh"}): publish them against the template that declares ${name}`,
      );
    });
};
