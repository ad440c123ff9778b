import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";

const ids = async (path: string): Promise<string[]> =>
  [...(await loadTemplateInventory(path)).inventory.all()].map((r) => r.id);

let scratch: string | undefined;
const scratchCopy = (name: string): string => {
  scratch = mkdtempSync(join(tmpdir(), "readiness-folders-"));
  cpSync(fixture(name), scratch, { recursive: true });
  return scratch;
};
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("a folder whose nested templates live in subfolders", () => {
  it("Compliance: every template in every subfolder is read, each nested stack from the file its TemplateURL's path ends in", async () => {
    const { inventory, files, missingNested, warnings } = await loadTemplateInventory(fixture("nested-folders"));
    expect(files).toEqual([
      fixture("nested-folders/main.yaml"),
      fixture("nested-folders/infrastructure/network.yaml"),
      fixture("nested-folders/services/orders/service.yaml"),
      fixture("nested-folders/services/payments/service.yaml"),
    ]);
    // Two files are called service.yaml: the path suffix tells them apart.
    expect(inventory.get("Orders/OrdersQueue")?.location?.file).toBe(
      fixture("nested-folders/services/orders/service.yaml"),
    );
    expect(inventory.get("Payments/PaymentsQueue")?.location?.file).toBe(
      fixture("nested-folders/services/payments/service.yaml"),
    );
    expect(inventory.get("Payments/PaymentsSecurityGroup")?.properties.VpcId).toBe(
      inventory.get("Network/Vpc")?.aliases[0],
    );
    expect(warnings).toEqual([]);
    expect(missingNested).toEqual([]);
  });

  it("Compliance: the same folder with the top template given as a file finds the nested templates below it", async () => {
    expect(await ids(fixture("nested-folders/main.yaml"))).toContain("Payments/PaymentsQueue");
  });

  it("Noncompliance 1: a nested template missing from the folder is recorded as missing, with where it is declared", async () => {
    const root = scratchCopy("nested-folders");
    rmSync(join(root, "services/payments"), { recursive: true });
    const { missingNested } = await loadTemplateInventory(root);
    expect(missingNested).toEqual([
      {
        resource: "Payments",
        location: { file: join(root, "main.yaml"), line: 21, column: 3, stack: "main" },
        templateUrl: "https://s3.amazonaws.com/orders-platform-templates/services/payments/service.yaml",
        reason: `no file under ${root} matches it`,
      },
    ]);
  });

  it("Noncompliance 2: two files that match a TemplateURL equally well are ambiguous, never a guess", async () => {
    const root = scratchCopy("nested-folders");
    mkdirSync(join(root, "old/infrastructure"), { recursive: true });
    cpSync(join(root, "infrastructure/network.yaml"), join(root, "old/infrastructure/network.yaml"));
    const { missingNested } = await loadTemplateInventory(join(root, "main.yaml"));
    expect(missingNested.map((m) => [m.resource, m.reason])).toEqual([
      ["Network", "2 files match it equally (infrastructure/network.yaml, old/infrastructure/network.yaml)"],
    ]);
  });

  it("NotApplicable: files that are not templates are skipped with a warning; one that claims to be and does not parse is an error", async () => {
    const root = scratchCopy("nested-folders");
    writeFileSync(join(root, "tsconfig.json"), '{ "compilerOptions": {}, // a comment\n}');
    mkdirSync(join(root, ".github/workflows"), { recursive: true });
    writeFileSync(join(root, ".github/workflows/ci.yml"), "on: push\n");
    const { warnings } = await loadTemplateInventory(root);
    expect(warnings).toEqual([
      expect.stringMatching(/^skipped .*tsconfig\.json: not a CloudFormation template \(invalid JSON/),
    ]);
    writeFileSync(join(root, "services/orders/broken.yaml"), "Resources:\n  Queue:\n    Type: [\n");
    const error = await templateErrorOf(loadTemplateInventory(root));
    expect(error.place?.file).toBe(join(root, "services/orders/broken.yaml"));
  });

  it("NotApplicable: a template only a nested stack that is not created uses is not read, and the run says so", async () => {
    const root = scratchCopy("nested-folders");
    const main = join(root, "main.yaml");
    writeFileSync(
      main,
      readFileSync(main, "utf8")
        .replace("Resources:\n", "Conditions:\n  Never: !Equals [a, b]\nResources:\n")
        .replace(
          "  Payments:\n    Type: AWS::CloudFormation::Stack\n",
          "  Payments:\n    Type: AWS::CloudFormation::Stack\n    Condition: Never\n",
        ),
    );
    const { files, warnings, missingNested } = await loadTemplateInventory(root);
    expect(files).not.toContain(join(root, "services/payments/service.yaml"));
    expect(missingNested).toEqual([]);
    expect(warnings).toEqual([
      `${join(root, "services/payments/service.yaml")} was not read: it is the template of a nested stack that is not created`,
    ]);
  });
});
