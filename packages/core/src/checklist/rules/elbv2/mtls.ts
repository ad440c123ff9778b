/*
 * mtls (config part): mTLS between gRPC clients and API service.
 * Given a listener that does not forward to a target group of an in-scope API service, Then not applicable.
 * Given the API's listener:
 *   MutualAuthentication Mode verify with a TrustStoreArn → pass;
 *   Mode passthrough (or a TCP listener) → pass only when the API's task definition declares its
 *   own client-certificate TLS (TLS_CLIENT_CA / GRPC_TLS_CLIENT_CA / MTLS_ENABLED=true), else fail;
 *   Mode off or absent, or plain HTTP → fail.
 */
import type { Inventory } from "../../inventory/inventory";
import { ECS_SERVICE, ECS_TASK_DEFINITION, isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import {
  LISTENER,
  LISTENER_RULE,
  listenerTargetGroups,
  servicesBehindTargetGroup,
  TARGET_GROUP,
} from "../../inventory/relations/network";
import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown } from "../../model/value";
import { compliant, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";

const CLIENT_CA = /(^|_)CLIENT_CA(_|$)/;
const MTLS_FLAG = /^(MTLS|MUTUAL_TLS|GRPC_MTLS)(_ENABLED)?$/;

/** Whether the task definition declares that the service itself requires client certificates. */
export const declaresOwnMtls = (taskDefinition: Resource): boolean =>
  asArray(taskDefinition.properties.ContainerDefinitions).some((container) => {
    const definition = asRecord(container);
    const environment = asArray(definition.Environment).map(asRecord);
    const secrets = asArray(definition.Secrets).map(asRecord);
    return (
      environment.some((v) => {
        const name = String(v.Name ?? "");
        if (MTLS_FLAG.test(name)) return /^(true|1|yes|on|required)$/i.test(String(v.Value));
        return CLIENT_CA.test(name) && typeof v.Value === "string" && v.Value.length > 0;
      }) || secrets.some((s) => CLIENT_CA.test(String(s.Name ?? "")))
    );
  });

const apiServicesBehind = (inventory: Inventory, listener: Resource, isApi: (s: Resource) => boolean): Resource[] => {
  const services = new Set<Resource>();
  for (const tg of listenerTargetGroups(inventory, listener))
    if (!isUnknown(tg) && !isDangling(tg))
      for (const s of servicesBehindTargetGroup(inventory, tg)) if (isApi(s)) services.add(s);
  return [...services];
};

const checkServiceTls = (inventory: Inventory, services: Resource[], how: string): RuleOutcome => {
  for (const service of services) {
    const taskDefinition = serviceTaskDefinition(inventory, service);
    if (isUnknown(taskDefinition)) return undecided(`${how}: task definition of ${service.id} unknown`);
    if (isDangling(taskDefinition))
      return undecided(`${how}: task definition ${taskDefinition.dangling} not in the inventory`);
    if (!declaresOwnMtls(taskDefinition))
      return nonCompliant(
        `${how}, but API service ${service.id} declares no client-certificate TLS (e.g. TLS_CLIENT_CA)`,
      );
  }
  return compliant(`${how}; the API service terminates mTLS itself`);
};

export const mtlsListener = defineRule({
  itemId: "mtls",
  resourceTypes: [LISTENER],
  readsTypes: [LISTENER_RULE, TARGET_GROUP, ECS_SERVICE, ECS_TASK_DEFINITION],
  evaluate(listener, { inventory, scope }) {
    const isApi = (s: Resource) => scope.includes(s) && scope.roleOf(s) === "api";
    const services = apiServicesBehind(inventory, listener, isApi);
    if (services.length === 0) return notApplicable("listener does not forward to an API service");
    const protocol = listener.properties.Protocol;
    const where = `listener ${String(protocol)}:${String(listener.properties.Port)}`;
    if (isUnknown(protocol)) return undecided(`listener protocol unknown (${protocol.reason})`);
    if (protocol === "HTTP") return nonCompliant(`${where} is plain HTTP: no client certificates`);
    if (protocol === "TCP") return checkServiceTls(inventory, services, `${where} passes TLS through`);
    const mutual = listener.properties.MutualAuthentication;
    if (isUnknown(mutual)) return undecided(`MutualAuthentication unknown (${mutual.reason})`);
    const mode = asRecord(mutual).Mode;
    if (isUnknown(mode)) return undecided(`MutualAuthentication mode unknown (${mode.reason})`);
    if (mode === "verify") {
      const trustStore = asRecord(mutual).TrustStoreArn;
      if (isUnknown(trustStore)) return undecided(`trust store unknown (${trustStore.reason})`);
      if (typeof trustStore !== "string" || trustStore === "")
        return nonCompliant(`${where} verifies client certificates without a trust store`);
      return compliant(`${where} verifies client certificates against trust store ${trustStore}`);
    }
    if (mode === "passthrough")
      return checkServiceTls(inventory, services, `${where} passes client certificates through`);
    return nonCompliant(`${where} does not require client certificates`);
  },
});
