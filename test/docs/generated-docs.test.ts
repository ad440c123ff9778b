import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { GENERATED, paramDocsOf, withGenerated } from "../../scripts/docs/catalogue-docs";

const REPO = join(import.meta.dirname, "..", "..");

// The docs that restate the catalogue are generated from it (npm run docs): a declaration changed
// without regenerating them fails here, naming the file.
describe("docs generated from the catalogue", () => {
  it.each(Object.entries(GENERATED))("%s is up to date (run `npm run docs`)", (file, regions) => {
    const committed = readFileSync(join(REPO, file), "utf8");
    let expected = committed;
    for (const [name, render] of Object.entries(regions)) expected = withGenerated(expected, name, render(), file);
    expect(committed).toBe(expected);
  });

  it("Compliance: every parameter of every item says what it means (the docs' meaning column)", () => {
    const undescribed = CHECKLIST.flatMap((item) =>
      paramDocsOf(item)
        .filter((param) => !param.description)
        .map((param) => `${item.id}.${param.name}`),
    );
    expect(undescribed).toEqual([]);
  });

  it("Noncompliance: a region without its markers is an error, never silently left alone", () => {
    expect(() => withGenerated("no markers here", "catalogue", "x", "docs/CHECKLIST.md")).toThrow(
      /docs\/CHECKLIST.md: no <!-- generated:catalogue/,
    );
  });
});
