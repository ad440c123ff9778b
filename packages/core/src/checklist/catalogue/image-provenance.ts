import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { imageProvenance } from "../rules/ecs/image-provenance";

const params = z.strictObject({});

/** ECR: image scanning on push; no latest tag in production task definitions */
export const imageProvenanceItem: ItemDeclaration<"image-provenance", typeof params> = declareItem({
  id: "image-provenance",
  section: "Security",
  title: "ECR: image scanning on push; no latest tag in production task definitions",
  severity: "high",
  decidedBy:
    "repositories scan on push (or registry-level scanning covers them), including the repository of every private ECR image a task definition runs (unknown in a template that does not declare it: a live check reads it); every image reference is pinned: a digest, or an explicit tag that is not `latest`",
  remediation:
    "Enable `ImageScanningConfiguration.ScanOnPush` on every repository and reference images by digest (`@sha256:…`) or an immutable version tag, never `latest` or no tag.",
  params,
  rules: [imageProvenance],
});
