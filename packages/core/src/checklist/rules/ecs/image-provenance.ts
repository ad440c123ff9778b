/*
 * Given a repository with ImageScanningConfiguration.ScanOnPush true, or covered by registry-level scan on push (live: observed.registryScanOnPush) → compliant.
 * Given a repository that does not scan on push (false or not set) → non_compliant.
 * Given a task definition whose every image is pinned by @sha256 digest or an explicit tag other than latest → compliant.
 * Given an image without a tag (means latest) or tagged latest → non_compliant ("image api: tag latest").
 * The repositories of the images are subjects of their own: a restricted scope follows image references to them.
 * Given an image from a private ECR repository the inventory lacks (outside the template; live: not in the account and region read) → unknown: whether it scans on push cannot be known there.
 * Given an unknown image, ScanOnPush or registry scanning value → unknown (unless something already fails).
 */
import type { Inventory } from "../../inventory/inventory";
import {
  booleanOf,
  ECR_REPOSITORY,
  imageRepository,
  isPrivateEcrImage,
  parseImage,
} from "../../inventory/relations/containers";
import { containersOf, ECS_TASK_DEFINITION } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { isUnknown, pathOf } from "../../model/value";
import { compliant, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";
import { counted, Problems } from "./support";

export const imageProvenance = defineRule({
  itemId: "image-provenance",
  resourceTypes: [ECS_TASK_DEFINITION, ECR_REPOSITORY],
  readsTypes: [],
  evaluate(subject, { inventory }) {
    return subject.type === ECR_REPOSITORY ? repositoryScanning(subject) : pinnedImages(subject, inventory);
  },
});

/** Whether pushes to the repository are scanned, by the repository's own setting or registry-level scanning. */
export const repositoryScanning = (repository: Resource): RuleOutcome => {
  const registry = repository.observed?.registryScanOnPush;
  if (registry === true) return compliant("registry-level scanning on push covers the repository");
  const scanOnPush = booleanOf(pathOf(repository.properties, "ImageScanningConfiguration", "ScanOnPush"));
  if (scanOnPush === true) return compliant("scan on push enabled");
  if (isUnknown(scanOnPush)) return undecided(`scan on push unknown: ${scanOnPush.reason}`);
  if (isUnknown(registry)) return undecided(`scan on push off here; registry scanning unknown: ${registry.reason}`);
  return nonCompliant(scanOnPush === false ? "scan on push disabled" : "scan on push not set (disabled)");
};

const pinnedImages = (taskDefinition: Resource, inventory: Inventory): RuleOutcome => {
  const containers = containersOf(taskDefinition);
  if (isUnknown(containers)) return undecided(`containers unknown: ${containers.reason}`);
  if (containers.length === 0) return notApplicable("no container definitions");

  const problems = new Problems();
  for (const container of containers) {
    const image = container.definition.Image;
    const where = `image ${container.name}`;
    if (isUnknown(image)) {
      problems.unknown(`${where}: unknown (${image.reason})`);
      continue;
    }
    if (typeof image !== "string" || image.trim() === "") {
      problems.unknown(`${where}: not set`);
      continue;
    }
    const parsed = parseImage(image);
    if (!parsed.digest?.startsWith("sha256:")) {
      if (parsed.tag === undefined) problems.fail(`${where}: no tag (means latest)`);
      else if (parsed.tag.toLowerCase() === "latest") problems.fail(`${where}: tag latest`);
    }
    // The repository's own verdict decides its scanning; one the inventory lacks cannot be judged.
    if (isPrivateEcrImage(image) && !imageRepository(inventory, image))
      problems.unknown(
        `${where}: scan on push of ECR repository ${parsed.repository} unknown: ${
          inventory.source === "template"
            ? "the repository is not in the template (a live check reads it)"
            : "the repository is not among those read (another account or region, or deleted)"
        }`,
      );
  }
  return problems.outcome(`${counted(containers.length, "image")} pinned by digest or an explicit tag`);
};
