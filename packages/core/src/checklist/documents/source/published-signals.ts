import type { DocumentVerdictRecord } from "../../../kernel/results/records/documents";
import type { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import type { Status } from "../../model/finding";
import { alarmedServiceSignals } from "../../rules/cloudwatch/golden-signals-services";

/**
 * golden-signals' API and Worker on a run that reads published verdicts (live, Config): either
 * source counts, as on a template run, with the CloudWatch alarms this run sees rather than those
 * of the template the documents were published against. Each signal is covered by the published
 * recording rule or dashboard query, or by an alarm on the service here; the service fails only
 * when neither covers one. Only for a fresh verdict that carries its signals.
 */
export const weighedServiceSignals = (
  record: DocumentVerdictRecord,
  published: string,
  inventory: Inventory,
  service: Resource,
): { readonly status: Status; readonly reason: string } | undefined => {
  if (!record.signals?.length) return undefined;
  const alarmed = alarmedServiceSignals(inventory, service);
  const covered: string[] = [];
  const missing: string[] = [];
  for (const entry of record.signals) {
    const by = entry.coveredBy ?? alarmed.get(entry.signal);
    if (by) covered.push(`${entry.what}: ${by}`);
    else
      missing.push(
        `${entry.what}: no CloudWatch alarm, and no recording rule or dashboard query of the published documents covers it`,
      );
  }
  return missing.length > 0
    ? { status: "fail", reason: `${missing.join("; ")} (${published})` }
    : { status: "pass", reason: `${covered.join("; ")} (${published})` };
};
