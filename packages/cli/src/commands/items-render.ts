import { CHECKLIST, type ChecklistItem } from "@readiness/core/checklist/catalogue/items";
import * as z from "@readiness/core/kernel/validation/zod";

interface ParamInfo {
  readonly name: string;
  readonly type: string;
  readonly default: unknown;
}

type PropertySchema = { type?: string; items?: { type?: string } };

const paramsOf = (item: ChecklistItem): ParamInfo[] => {
  const schema = z.toJSONSchema(item.params, { io: "input" }) as { properties?: Record<string, PropertySchema> };
  const defaults = item.params.parse({}) as Record<string, unknown>;
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    type: property.type === "array" ? `${property.items?.type ?? "value"}[]` : (property.type ?? "value"),
    default: defaults[name],
  }));
};

/** The catalogue grouped by section: id, kinds, verbatim title; with params, one line per parameter. */
export const itemsTable = (withParams: boolean): string => {
  const idWidth = Math.max(...CHECKLIST.map((i) => i.id.length));
  const kindsWidth = Math.max(...CHECKLIST.map((i) => i.kinds.join("+").length));
  const lines: string[] = [];
  let section = "";
  for (const item of CHECKLIST) {
    if (item.section !== section) {
      section = item.section;
      if (lines.length > 0) lines.push("");
      lines.push(section);
    }
    lines.push(`  ${item.id.padEnd(idWidth)}  ${item.kinds.join("+").padEnd(kindsWidth)}  ${item.title}`);
    if (withParams)
      for (const param of paramsOf(item))
        lines.push(`  ${"".padEnd(idWidth)}    ${param.name}: ${param.type} = ${JSON.stringify(param.default)}`);
  }
  return `${lines.join("\n")}\n`;
};

export const itemsJson = (withParams: boolean): string => {
  const items = CHECKLIST.map((item) => ({
    id: item.id,
    section: item.section,
    title: item.title,
    kinds: item.kinds,
    severity: item.severity,
    decidedBy: item.decidedBy,
    remediation: item.remediation,
    ...(withParams ? { params: Object.fromEntries(paramsOf(item).map((p) => [p.name, p.default])) } : {}),
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
};
