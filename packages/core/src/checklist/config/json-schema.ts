import * as z from "../../kernel/validation/zod";
import { CHECKLIST } from "../catalogue/items";
import { DOCUMENT_KEY_DESCRIPTIONS } from "./documents-schema";
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
  team: "The owning team: the service's alerts must carry team=<team> and be routed on it (alert-routing).",
  metricsJob: "The job label of the service's Prometheus series (golden-signals; default: its name).",
  documents: "This service's documents: each key given here replaces the top-level documents key.",
};

const DOCUMENTS =
  "Where the team's documents are: paths or globs relative to the folder of this file (docs/documents.md).";

const describeDocuments = (node: SchemaNode | undefined, description: string): void => {
  if (!node) return;
  node.description = description;
  for (const [key, text] of Object.entries(DOCUMENT_KEY_DESCRIPTIONS)) {
    const property = node.properties?.[key];
    if (property) property.description = text;
  }
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
    describeDocuments(top.services.items?.properties?.documents, SERVICE_FIELDS.documents);
  }
  describeDocuments(top.documents, DOCUMENTS);
  if (top.launchDate)
    top.launchDate.description =
      "Launch day, YYYY-MM-DD: the on-call rotation must name a primary for all of it (oncall).";
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
  description:
    "Configuration of readiness: the services in scope, rule parameters per checklist item, and where the team's documents are.",
});
