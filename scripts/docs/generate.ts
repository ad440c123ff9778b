/** Writes the generated regions of the docs from the catalogue (see catalogue-docs.ts). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GENERATED, withGenerated } from "./catalogue-docs";

const REPO = join(import.meta.dirname, "..", "..");
for (const [file, regions] of Object.entries(GENERATED)) {
  const path = join(REPO, file);
  let text = readFileSync(path, "utf8");
  for (const [name, render] of Object.entries(regions)) text = withGenerated(text, name, render(), file);
  writeFileSync(path, text);
  process.stdout.write(`wrote ${file}\n`);
}
