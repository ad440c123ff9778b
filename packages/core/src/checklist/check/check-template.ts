import { loadTemplateInventory } from "../adapters/template/index";
import type { InputNotes } from "../model/input";
import { CHECKLIST } from "../catalogue/items";
import { paramsFromConfig } from "../config/params";
import { gatherPartDeciders } from "../engine/sources";
import { type CheckOutcome, type CheckSelection, checkInventory } from "./check-inventory";
import { isSelected } from "./live-probes";

export interface TemplateCheckInput extends CheckSelection {
  /** A template file (JSON or YAML), or a directory (cdk.out / SST build output). */
  readonly path: string;
  /** Values for template parameters (--parameter Key=Value). */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly accountId?: string;
  readonly onProgress?: (message: string) => void;
  /** --allow-missing-nested: a nested stack whose template is not found is reported, but does not fail the run. */
  readonly allowMissingNested?: boolean;
}

export interface TemplateCheckOutcome extends CheckOutcome {
  /** The template files read (a directory can hold several, nested stacks add more). */
  readonly files: readonly string[];
}

/** Checks a CloudFormation template before deploy. Bad templates throw TemplateError (an InputError). */
export const checkTemplate = async (input: TemplateCheckInput): Promise<TemplateCheckOutcome> => {
  const loaded = await loadTemplateInventory(input.path, {
    region: input.region,
    accountId: input.accountId,
    parameters: input.parameters ? { ...input.parameters } : undefined,
  });
  input.onProgress?.(
    `loaded ${loaded.inventory.size} resource${loaded.inventory.size === 1 ? "" : "s"} from ${loaded.files.length} template file${loaded.files.length === 1 ? "" : "s"}`,
  );
  // The items' sources run against what a template has: probes of a deployed account say what they need.
  const templateParts = await gatherPartDeciders(
    CHECKLIST.filter((item) => isSelected(item.id, input)),
    {
      inventory: loaded.inventory,
      config: input.config,
      params: paramsFromConfig(input.config),
      reach: { mode: "template" },
    },
  );
  const outcome = checkInventory({
    ...input,
    inventory: loaded.inventory,
    source: input.path,
    partDeciders: [...(input.partDeciders ?? []), ...templateParts],
  });
  const notes: InputNotes = {
    missingNestedStacks: loaded.missingNested,
    missingNestedAllowed: input.allowMissingNested === true,
    samResources: loaded.samResources,
  };
  return {
    ...outcome,
    report: { ...outcome.report, input: notes },
    warnings: [...loaded.warnings, ...outcome.warnings],
    files: loaded.files,
  };
};
