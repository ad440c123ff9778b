import type { EstimateDocument, MadeFrom } from "./document";
import { fmt } from "./line";
import { COST_SERVICE_TITLES, COST_SERVICES, PRICE_KEYS, type PriceTable } from "./prices";

export const COST_FORMATS = ["table", "json", "markdown"] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

export const renderEstimate = (document: EstimateDocument, format: CostFormat): string =>
  format === "json"
    ? `${JSON.stringify(document, null, 2)}\n`
    : format === "markdown"
      ? renderMarkdown(document)
      : renderTable(document);

/** "$1,234.56" */
export const usd = (value: number): string =>
  `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const shortDigest = (digest: string): string => `${digest.slice(0, "sha256:".length + 12)}…`;

export const describeMadeFrom = (madeFrom: MadeFrom): string =>
  madeFrom.kind === "template"
    ? `template ${madeFrom.files.join(", ")} (${shortDigest(madeFrom.digest)})`
    : `account ${madeFrom.accountId} in ${madeFrom.region}${madeFrom.endpoint ? ` (${madeFrom.endpoint})` : ""}`;

const assumptionText = (entry: EstimateDocument["assumptions"][number]): string =>
  `${entry.name} ${entry.value}${entry.unit && entry.unit !== "share" ? ` ${entry.unit}` : ""}${entry.from === "readiness.yml" ? " (readiness.yml)" : ""}`;

/** For people: a section per service, a line per priced quantity with its formula, then the assumptions. */
export const renderTable = (document: EstimateDocument): string => {
  const amounts = [...document.lines.map((line) => usd(line.monthlyUsd)), usd(document.total)];
  const width = Math.max(...amounts.map((amount) => amount.length));
  const out = [
    `cost estimate: ${usd(document.total)} a month (${document.currency}), ${document.region} prices of ${document.priceTableDate}`,
    `made from ${describeMadeFrom(document.madeFrom)}`,
    `scope: ${document.scope}`,
    "",
  ];
  for (const service of COST_SERVICES) {
    out.push(`${usd(document.totals[service]).padStart(width)}  ${COST_SERVICE_TITLES[service]}`);
    for (const line of document.lines.filter((l) => l.service === service)) {
      const price = line.priceKey ? ` = ${fmt(line.quantity)} ${line.unit} × $${line.unitPriceUsd}` : "";
      const note = line.note ? ` (${line.note})` : "";
      out.push(
        `${usd(line.monthlyUsd).padStart(width)}    ${line.resource} · ${line.item}: ${line.formula}${price}${note}`,
      );
    }
  }
  out.push(`${"".padStart(width, "─")}`, `${usd(document.total).padStart(width)}  total a month`, "");
  out.push(
    `assumptions (set them under cost: in readiness.yml): ${document.assumptions.map(assumptionText).join(", ")}`,
  );
  for (const note of document.notes) out.push(`note: ${note}`);
  return `${out.join("\n")}\n`;
};

const cell = (value: unknown): string => String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: readonly unknown[]): string => `| ${cells.map(cell).join(" | ")} |`;

/** For a repository or a pull request: the same content as the table, as Markdown tables. */
export const renderMarkdown = (document: EstimateDocument): string => {
  const out = [
    "# Cost estimate",
    "",
    row(["", ""]),
    row(["---", "---"]),
    row(["Total", `**${usd(document.total)}** a month (${document.currency})`]),
    row(["Prices", `${document.region}, price table of ${document.priceTableDate}`]),
    row(["Made from", describeMadeFrom(document.madeFrom)]),
    row(["Scope", document.scope]),
    row(["Created", document.createdAt]),
    "",
    "## Per service",
    "",
    row(["Service", "Monthly"]),
    row(["---", "---:"]),
    ...COST_SERVICES.map((service) => row([COST_SERVICE_TITLES[service], usd(document.totals[service])])),
    row(["**Total**", `**${usd(document.total)}**`]),
  ];
  for (const service of COST_SERVICES) {
    out.push("", `## ${COST_SERVICE_TITLES[service]}`, "");
    out.push(row(["Resource", "Item", "Formula", "Quantity", "Unit price", "Monthly", "Note"]));
    out.push(row(["---", "---", "---", "---:", "---:", "---:", "---"]));
    for (const line of document.lines.filter((l) => l.service === service))
      out.push(
        row([
          line.resource,
          line.item,
          line.formula,
          line.priceKey ? `${fmt(line.quantity)} ${line.unit}` : "",
          line.priceKey ? `$${line.unitPriceUsd}` : "",
          usd(line.monthlyUsd),
          line.note ?? "",
        ]),
      );
  }
  out.push("", "## Assumptions", "", "Set them under `cost:` in readiness.yml.", "");
  out.push(row(["Assumption", "Value", "From", "Meaning"]), row(["---", "---:", "---", "---"]));
  for (const entry of document.assumptions)
    out.push(
      row([
        `\`${entry.name}\``,
        `${entry.value}${entry.unit && entry.unit !== "share" ? ` ${entry.unit}` : ""}`,
        entry.from,
        entry.meaning,
      ]),
    );
  out.push("", "## Notes", "", ...document.notes.map((note) => `- ${note}`));
  if (document.warnings.length > 0) out.push(...document.warnings.map((warning) => `- warning: ${warning}`));
  return `${out.join("\n")}\n`;
};

/** The bundled price table, region by region: each figure, its unit, whether it is confirmed, and its evidence. */
export const renderPriceTable = (table: PriceTable): string => {
  const out = [`price table of ${table.date} (${table.currency}): ${table.basis}`];
  for (const [region, prices] of Object.entries(table.regions)) {
    out.push("", region);
    for (const key of PRICE_KEYS) {
      const price = prices[key];
      out.push(
        `  ${key.padEnd(44)} $${String(price.usd).padEnd(9)} per ${price.per}${price.confirmed ? "" : "  (unconfirmed)"}`,
        `    ${price.evidence}; ${price.source}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
};
