import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { isRecord, isUnknown } from "../../model/value";

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

const isFile = (file: string): boolean => existsSync(file) && statSync(file).isFile();

/** Where a nested stack's template was found, or why it was not. */
export type ChildTemplate = { readonly file: string } | { readonly missing: string };

/** What the locator knows besides the parent's folder: the templates around it and the assets of a cloud assembly. */
export interface NestedTemplateSources {
  /** Folder the path-suffix search is relative to (the folder checked, or the top template's folder). */
  readonly root: string;
  /** Every file under root that could be a template (listed on first use: a lone file rarely needs it). */
  readonly candidates: () => readonly string[];
  /** Cloud assembly file assets: S3 object key or hash → local file. */
  readonly fileAssets: ReadonlyMap<string, string>;
}

/** Path-style S3 hosts put the bucket first in the path: s3.amazonaws.com, s3.eu-west-1.amazonaws.com, s3-eu-west-1.amazonaws.com. */
const PATH_STYLE_S3 = /^s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/i;

/**
 * The object key of a TemplateURL, as path segments:
 * "https://s3.amazonaws.com/bucket/services/orders/service.yaml?versionId=1" → ["services", "orders", "service.yaml"].
 */
const keySegments = (url: string): string[] => {
  let path = url.split(/[?#]/)[0];
  const scheme = REMOTE.exec(path);
  let pathStyle = false;
  if (scheme) {
    const rest = path.slice(scheme[0].length);
    const host = rest.split("/")[0];
    pathStyle = PATH_STYLE_S3.test(host);
    path = rest.slice(host.length);
  }
  const segments = path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return pathStyle ? segments.slice(1) : segments;
};

/** How many trailing segments two paths share. */
const sharedSuffix = (a: readonly string[], b: readonly string[]): number => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};

/**
 * The literal end of a TemplateURL whose value is unknown before deploy:
 * `!Sub https://${Bucket}.s3.amazonaws.com/infrastructure/vpc.yaml` → "/infrastructure/vpc.yaml",
 * and the same for the literal strings that end an Fn::Join. The first segment is dropped when a
 * variable runs into it (`${Env}-templates/x.yaml` → "/x.yaml"): only whole segments can match.
 */
export const literalUrlTail = (raw: unknown): string | undefined => {
  let tail: string | undefined;
  if (typeof raw === "string") return raw;
  if (isRecord(raw) && typeof raw["Fn::Sub"] === "string") tail = raw["Fn::Sub"].split("}").pop();
  else if (isRecord(raw) && Array.isArray(raw["Fn::Sub"]) && typeof raw["Fn::Sub"][0] === "string")
    tail = raw["Fn::Sub"][0].split("}").pop();
  else if (isRecord(raw) && Array.isArray(raw["Fn::Join"]) && Array.isArray(raw["Fn::Join"][1])) {
    const [delimiter, items] = raw["Fn::Join"] as [unknown, unknown[]];
    const literals: string[] = [];
    for (let i = items.length - 1; i >= 0 && typeof items[i] === "string"; i--) literals.unshift(items[i] as string);
    tail =
      literals.length > 0
        ? `${literals.length < items.length ? String(delimiter) : ""}${literals.join(String(delimiter))}`
        : undefined;
  }
  if (tail === undefined || !tail.includes("/")) return undefined;
  return tail.startsWith("/") ? tail : tail.slice(tail.indexOf("/"));
};

/**
 * Finds the local file of a nested stack's template, in this order:
 * 1. the asset path CDK records in the resource's metadata (`aws:asset:path`);
 * 2. TemplateURL as a path relative to the parent template (what `aws cloudformation package` reads);
 * 3. the cloud assembly's file assets: a CDK TemplateURL ends in the asset's object key;
 * 4. the template under the root whose path and the URL's object key end alike, one being a
 *    suffix of the other, the longest such: `.../services/orders/service.yaml` is
 *    `services/orders/service.yaml`, never `services/payments/service.yaml`. Two files that match
 *    equally well are ambiguous, and reported as such.
 */
export const locateChildTemplate = (
  parentFile: string,
  templateUrl: string | undefined,
  metadata: Record<string, unknown>,
  sources: NestedTemplateSources,
): ChildTemplate => {
  const directory = dirname(parentFile);
  const assetPath = metadata["aws:asset:path"];
  if (typeof assetPath === "string") {
    const file = isAbsolute(assetPath) ? assetPath : join(directory, assetPath);
    if (isFile(file)) return { file };
  }
  if (templateUrl === undefined || templateUrl === "")
    return { missing: "its TemplateURL is not known before deploy and names no file" };
  const url = templateUrl.replace(/^file:\/\//, "");
  if (!REMOTE.test(url)) {
    const file = isAbsolute(url) ? url : join(directory, url);
    if (isFile(file)) return { file };
  }
  const segments = keySegments(url);
  const key = segments[segments.length - 1];
  const asset = key === undefined ? undefined : sources.fileAssets.get(key);
  if (asset !== undefined && isFile(asset)) return { file: asset };
  let best = 0;
  let matches: string[] = [];
  for (const candidate of sources.candidates()) {
    if (candidate === parentFile) continue;
    const path = relative(sources.root, candidate).split(sep);
    const shared = sharedSuffix(path, segments);
    // services/orders/service.yaml shares only "service.yaml" with .../services/payments/service.yaml: a conflict, not a match.
    if (shared === 0 || (shared < path.length && shared < segments.length)) continue;
    if (shared > best) {
      best = shared;
      matches = [candidate];
    } else if (shared === best) matches.push(candidate);
  }
  if (matches.length === 1) return { file: matches[0] };
  if (matches.length > 1)
    return {
      missing: `${matches.length} files match it equally (${matches.map((m) => relative(sources.root, m)).join(", ")})`,
    };
  return { missing: `no file under ${sources.root} matches it` };
};

export const describeTemplateUrl = (templateUrl: unknown): string => {
  if (typeof templateUrl === "string") return templateUrl;
  if (isUnknown(templateUrl)) return `(${templateUrl.reason})`;
  return templateUrl === undefined ? "(no TemplateURL)" : JSON.stringify(templateUrl);
};
