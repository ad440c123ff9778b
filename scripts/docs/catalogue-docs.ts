import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import * as z from "@readiness/core/kernel/validation/zod";

/**
 * The parts of the docs that restate the catalogue, rendered from it: docs/CHECKLIST.md's table of
 * items and docs/readiness-yml.md's table of rule parameters. `npm run docs` writes them between
 * their markers; test/docs/generated-docs.test.ts fails when a committed copy is stale.
 */
type Items = typeof CHECKLIST;

interface ParamDoc {
  readonly name: string;
  readonly default: unknown;
  readonly description?: string;
}

type JsonSchemaNode = { properties?: Record<string, { description?: string }> };

export const paramDocsOf = (item: Items[number]): ParamDoc[] => {
  const schema = z.toJSONSchema(item.params, { io: "input" }) as JsonSchemaNode;
  const defaults = (item.params as z.ZodMiniType).parse({}) as Record<string, unknown>;
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    default: defaults[name],
    ...(property.description ? { description: property.description } : {}),
  }));
};

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

const shownDefault = (value: unknown): string => `\`${JSON.stringify(value)?.replace(/","/g, '", "')}\``;

export const renderChecklistTable = (items: Items = CHECKLIST): string =>
  [
    `The checklist has ${items.length} items.`,
    "",
    "| id | section | title (verbatim) | kind | what decides it |",
    "|---|---|---|---|---|",
    ...items.map(
      (item) =>
        `| ${item.id} | ${item.section} | ${cell(item.title)} | ${item.kinds.join(" + ")} | ${cell(item.decidedBy)} |`,
    ),
  ].join("\n");

export const renderParamsTable = (items: Items = CHECKLIST): string =>
  [
    "| item | parameter | default | meaning |",
    "|---|---|---|---|",
    ...items.flatMap((item) =>
      paramDocsOf(item).map(
        (param, index) =>
          `| ${index === 0 ? `\`${item.id}\`` : ""} | \`${param.name}\` | ${shownDefault(param.default)} | ${cell(param.description ?? "")} |`,
      ),
    ),
  ].join("\n");

/** The generated regions: file → marker name → content. */
export const GENERATED: Readonly<Record<string, Readonly<Record<string, () => string>>>> = {
  "docs/CHECKLIST.md": { catalogue: () => renderChecklistTable() },
  "docs/readiness-yml.md": { parameters: () => renderParamsTable() },
};

const START = (name: string) =>
  `<!-- generated:${name} (npm run docs; edit packages/core/src/checklist/catalogue/<item-id>.ts) -->`;
const END = (name: string) => `<!-- end generated:${name} -->`;

/** The text with the marked region replaced; a file without the markers is an error, never silently left alone. */
export const withGenerated = (text: string, name: string, content: string, file: string): string => {
  const start = text.indexOf(START(name));
  const end = text.indexOf(END(name));
  if (start < 0 || end < start) throw new Error(`${file}: no ${START(name)} … ${END(name)} markers`);
  return `${text.slice(0, start)}${START(name)}\n${content}\n${text.slice(end)}`;
};
