import * as z from "../../kernel/validation/zod";
import { CHECKLIST } from "../catalogue/items";
import { fullConfigSchema } from "./full-schema";

/** A URN rather than a URL: the schema is printed by `readiness config schema`, not hosted anywhere. */
export const READINESS_SCHEMA_ID = "urn:readiness:readiness-yml:v1";

type SchemaNode = { description?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode };

/** Hover texts for editors (the zod schema documents its fields in comments, which JSON Schema cannot see). */
const SERVICE_FIELDS: Record<string, string> = {
  service: "ECS service name, ARN, or template logical id.",
  role: "What the service is: api, worker or dlq-processor.",
  name: "Display name in reports (default: service).",
  cluster: "ECS cluster name or ARN to look in (live mode; ignored for templates).",
  consumes:
    "Queues this service consumes (name, URL, ARN or logical id); a dlq-processor's DLQ listed here counts as consumed.",
  earlyCheck:
    "Post-deploy gate: also smoke-test while a deployment is in progress and stop it with an ECS rollback on failure (default false).",
};

const describe = (schema: SchemaNode): SchemaNode => {
  const top = schema.properties ?? {};
  if (top.version) top.version.description = "Format version; always 1.";
  if (top.services) {
    top.services.description =
      "The services in scope. Empty: every ECS service found is in scope, roles inferred from names.";
    for (const [field, text] of Object.entries(SERVICE_FIELDS)) {
      const property = top.services.items?.properties?.[field];
      if (property) property.description = text;
    }
  }
  if (top.rules) {
    top.rules.description = "Rule parameters per checklist item id (see `readiness items --params`).";
    for (const item of CHECKLIST) {
      const property = top.rules.properties?.[item.id];
      if (property) property.description = item.title;
    }
  }
  return schema;
};

/**
 * The JSON Schema of readiness.yml, for editors (`# yaml-language-server: $schema=...`) and CI.
 * Input shape: fields with defaults are optional.
 */
export const readinessConfigJsonSchema = (): Record<string, unknown> => ({
  ...(describe(z.toJSONSchema(fullConfigSchema, { io: "input", target: "draft-2020-12" }) as SchemaNode) as Record<
    string,
    unknown
  >),
  $id: READINESS_SCHEMA_ID,
  title: "readiness.yml",
  description: "Configuration of readiness: the services in scope and rule parameters per checklist item.",
});
