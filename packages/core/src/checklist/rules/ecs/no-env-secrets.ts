/*
 * Given a task definition whose environment holds only configuration, credentials coming from Secrets[].ValueFrom → compliant.
 * Given an environment variable whose name looks like a credential with a non-trivial value, or whose value matches a key format or has high entropy → non_compliant, naming the variable and the detector, never the value.
 * Given a value set at deploy (a parameter, an SSM parameter) under a credential's name, or a value declared secret (a NoEcho parameter) under any name → non_compliant: the task definition holds it in plain text.
 * Given a container with EnvironmentFiles → non_compliant (the file bypasses secret injection).
 * Given an environment variable whose name is unknown, or whose value is unknown under another name → unknown (unless the task definition already fails).
 * Given a variable in allowNames, or a value that names a resource of the inventory → not flagged.
 * Structured values (JSON, ARNs, `name:hex` digests) are not secrets by entropy.
 */
import { environmentOf } from "../../inventory/relations/containers";
import { containersOf, ECS_TASK_DEFINITION } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown, type UnknownValue } from "../../model/value";
import { defineRule, notApplicable, undecided } from "../rule";
import { detectDeployTimeSecret, detectEnvironmentSecret, isCredentialName } from "./secrets-detection";
import { counted, Problems, shown } from "./support";

export const noEnvSecrets = defineRule({
  itemId: "no-env-secrets",
  resourceTypes: [ECS_TASK_DEFINITION],
  readsTypes: [],
  evaluate(taskDefinition, { inventory, params }) {
    const containers = containersOf(taskDefinition);
    if (isUnknown(containers)) return undecided(`containers unknown: ${containers.reason}`);
    if (containers.length === 0) return notApplicable("no container definitions");

    const problems = new Problems();
    const allowed = new Set(params.allowNames);
    const allowedSeen = new Set<string>();
    let secretsInjected = 0;
    for (const container of containers) {
      const where = `container ${container.name}`;
      secretsInjected += asArray(container.definition.Secrets).length;

      const files = container.definition.EnvironmentFiles;
      if (isUnknown(files)) problems.unknown(`${where}: environment files unknown (${files.reason})`);
      for (const file of asArray(files)) {
        const location = asRecord(file).Value;
        const what = typeof location === "string" ? `${shown(location)} ` : "";
        problems.fail(`${where}: environment file ${what}bypasses secret injection`);
      }

      const environment = environmentOf(container);
      if (isUnknown(environment)) {
        problems.unknown(`${where}: environment unknown (${environment.reason})`);
        continue;
      }
      for (const { name, value } of environment) {
        if (isUnknown(name)) {
          problems.unknown(`${where}: an env name is unknown (${name.reason})`);
          continue;
        }
        if (allowed.has(name)) {
          allowedSeen.add(name);
          continue;
        }
        if (isUnknown(value)) {
          // An attribute of a resource of the inventory is a reference (a database endpoint, a
          // secret's ARN), unless the attribute itself is named like a credential (a custom
          // resource's Token).
          const named = value.origin.secret === undefined ? inventory.lookup(value) : undefined;
          if (named !== undefined && !isUnknown(named) && !isCredentialName(attributeName(value, named))) continue;
          const signal = detectDeployTimeSecret(name, value);
          if (signal) problems.fail(`${where}: env ${name}: ${signal.description}`);
          else problems.unknown(`${where}: env ${name}: value unknown (${value.reason})`);
          continue;
        }
        // A value that names a resource of the inventory is a reference (a table name, a queue URL), not a secret.
        if (inventory.lookup(value) !== undefined) continue;
        const signal = detectEnvironmentSecret(name, value, params);
        if (signal) problems.fail(`${where}: env ${name}: ${signal.description}`);
      }
    }
    const allowedText = allowedSeen.size ? `; allowed: ${[...allowedSeen].join(", ")}` : "";
    return problems.outcome(
      `no credentials in the environment of ${counted(containers.length, "container")}; ${counted(secretsInjected, "secret")} injected from Secrets${allowedText}`,
    );
  },
});

/** "Endpoint.Address" for a value referring to "Database.Endpoint.Address"; "" for the resource itself. */
const attributeName = (value: UnknownValue, resource: Resource): string => {
  const reference = value.origin.refersTo ?? "";
  return reference.startsWith(`${resource.id}.`) ? reference.slice(resource.id.length + 1) : "";
};
