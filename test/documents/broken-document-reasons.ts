/**
 * What the example's broken document set fails each document item with, naming file and line: the
 * same on a template run and on a live run. cost-estimate is left to each test, since its reason
 * names what the run reads (the template, or the account).
 */
export const BROKEN_DOCUMENT_REASONS: Readonly<Record<string, RegExp>> = {
  "slo-defined": /^fail: ops\/slo\.yaml:61:7: .*availability target 99\.5% is below 99\.9%/,
  "failure-modes-alerted":
    /^fail: failure mode poison-messages \(ops\/failure-modes\.yaml:24\) is not alerted: no alerting rule named DLQNotEmpty/,
  "alerts-defined": /^fail: alert QueueDepthHigh \(monitoring\/rules\/alerts\.yaml:53:16\) lacks a `for` duration/,
  "slo-recording-rules":
    /^fail: .*"Error budget remaining \(28 days\)" \(monitoring\/dashboards\/task-service\.json:40\) query none of the SLO recording rules' series/,
  runbooks:
    /^fail: alert HighLatencyP99 \(monitoring\/rules\/alerts\.yaml:39:16\): runbook_url https:\/\/runbooks\.example\.com\/high-latency maps to ops\/runbooks\/high-latency\.md, which is not in the runbooks folder/,
  "alert-routing":
    /^fail: alert ScrapeTargetDown .*\(monitoring\/rules\/alerts\.yaml:87:16\): reaches only receiver blackhole via .*\(monitoring\/alertmanager\.yml:21:11\), which has no notifier/,
  "cicd-gate":
    /^fail: no job deploys on push to main after the tests: job deploy \(\.github\/workflows\/ci\.yml:57:3\) .* but its needs \(build-images\) reach no job that runs the tests/,
  "rollback-tested":
    /^fail: rollback runbook ops\/runbooks\/rollback\.md section Escalation \(ops\/runbooks\/rollback\.md:40\) is empty/,
  oncall:
    /^fail: ops\/oncall\.json:2:3: schedule Task service primary, launch day 2026-12-15 \(Europe\/Berlin\): no primary 10:00–24:00/,
};
