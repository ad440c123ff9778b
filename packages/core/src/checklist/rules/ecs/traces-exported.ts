/*
 * Given a service with a role whose task definition has a collector sidecar whose config sends a traces pipeline to an otlp exporter at tempoEndpointPattern → compliant.
 * Given an app container whose OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT points straight at Tempo → compliant.
 * Given no collector and no OTLP endpoint, a localhost endpoint without a collector, or a collector config without a Tempo exporter in a traces pipeline → non_compliant.
 * Given a collector whose config is not in the task definition, or an endpoint at a collector outside it, or an unknown value → unknown.
 * Given a service without a role → not_applicable.
 */
import { environmentValue } from "../../inventory/relations/containers";
import { containersOf, ECS_SERVICE, ECS_TASK_DEFINITION } from "../../inventory/relations/ecs";
import { isUnknown } from "../../model/value";
import { compliant, defineRule, nonCompliant, notApplicable, undecided } from "../rule";
import { collectorExportsToTempo, isCollector } from "./otel-collector";
import { joinProblems, runningTaskDefinition, shown } from "./support";

/** The traces-specific variable wins over the generic one, as in the OpenTelemetry SDKs. */
const ENDPOINT_VARIABLES = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"];
const LOCAL_ENDPOINT = /^(\w+:\/\/)?(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)([:/]|$)/i;

export const tracesExported = defineRule({
  itemId: "traces-exported",
  resourceTypes: [ECS_SERVICE],
  readsTypes: [ECS_TASK_DEFINITION],
  evaluate(service, { inventory, params, scope }) {
    if (!scope.roleOf(service)) return notApplicable("role unknown: declare it in readiness.yml");
    const running = runningTaskDefinition(inventory, service);
    if ("outcome" in running) return running.outcome;
    const containers = containersOf(running.taskDefinition);
    if (isUnknown(containers)) return undecided(`containers unknown: ${containers.reason}`);
    const collectors = containers.filter(isCollector);
    const unknowns: string[] = [];
    const endpoints: { container: string; endpoint: string }[] = [];
    for (const container of containers.filter((c) => !isCollector(c))) {
      for (const variable of ENDPOINT_VARIABLES) {
        const value = environmentValue(container, variable);
        if (value === undefined) continue;
        if (isUnknown(value)) unknowns.push(`container ${container.name}: ${variable} unknown (${value.reason})`);
        else endpoints.push({ container: container.name, endpoint: value });
        break;
      }
    }

    const pattern = params.tempoEndpointPattern.toLowerCase();
    const direct = endpoints.find((e) => e.endpoint.toLowerCase().includes(pattern));
    if (direct)
      return compliant(`container ${direct.container} exports OTLP straight to Tempo (${shown(direct.endpoint)})`);

    if (collectors.length === 0) {
      if (unknowns.length) return undecided(joinProblems(unknowns));
      if (endpoints.length === 0)
        return nonCompliant("no OTLP exporter: no collector sidecar and no OTEL_EXPORTER_OTLP_ENDPOINT");
      const local = endpoints.find((e) => LOCAL_ENDPOINT.test(e.endpoint));
      if (local)
        return nonCompliant(
          `container ${local.container}: OTLP endpoint ${shown(local.endpoint)} but no collector sidecar`,
        );
      return undecided(
        `OTLP endpoint ${shown(endpoints[0].endpoint)} is a collector outside the task definition: its config is not visible`,
      );
    }

    const verdicts = collectors.map((c) => collectorExportsToTempo(c, params.tempoEndpointPattern));
    const exporting = verdicts.find((v) => v.exportsToTempo === true);
    if (exporting) return compliant(exporting.detail);
    const undecidable = verdicts.filter((v) => v.exportsToTempo === "unknown").map((v) => v.detail);
    if (undecidable.length) return undecided(joinProblems(undecidable));
    return nonCompliant(joinProblems(verdicts.map((v) => v.detail)));
  },
});
