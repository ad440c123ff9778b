import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import type { EmulatorGap } from "./types";

/**
 * The checklist's findings on resources the emulator could not fully hold carry the reason on
 * their own line: a ✗ or ? caused by the emulator (moto drops a listener's mutual TLS) is explained
 * where it is shown, not only at set-up. The verdict stays what the live check decided.
 */
export const explainEmulatorGaps = (report: CheckReport, gaps: readonly EmulatorGap[]): CheckReport => {
  const byResource = new Map<string, EmulatorGap[]>();
  for (const gap of gaps) {
    if (!gap.physicalId) continue;
    byResource.set(gap.physicalId, [...(byResource.get(gap.physicalId) ?? []), gap]);
  }
  if (byResource.size === 0) return report;
  return {
    ...report,
    items: report.items.map((item) => ({
      ...item,
      findings: item.findings.map((finding) => {
        const held = byResource.get(finding.resource);
        if (!held || finding.status === "pass") return finding;
        const why = held.map((gap) => `${gap.resource} ${gap.property}: ${gap.reason}`).join("; ");
        return { ...finding, reason: `${finding.reason} (emulator limit, the template sets it: ${why})` };
      }),
    })),
  };
};
