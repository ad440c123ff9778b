import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  collectLiveInventory,
  createLiveClients,
  destroyLiveClients,
} from "@readiness/core/checklist/adapters/live/index";
import { loadTemplateInventory } from "@readiness/core/checklist/adapters/template/index";
import type { ItemId } from "@readiness/core/checklist/catalogue/items";
import type { CheckOutcome } from "@readiness/core/checklist/check/check-inventory";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { checkTemplate } from "@readiness/core/checklist/check/check-template";
import { ITEM_IDS } from "@readiness/core/checklist/check/item-ids";
import { loadConfig } from "@readiness/core/checklist/config/load";
import type { ItemResult } from "@readiness/core/checklist/engine/engine";
import type { Finding } from "@readiness/core/checklist/model/finding";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { EXAMPLE_PLATFORM_FILES } from "@readiness/example-task-platform/files";
import type { ProvisionedPlatform, Variant } from "@readiness/example-task-platform/provision/index";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, readiness } from "../cli/helpers";
import { templatePath } from "../examples/platform";
import { CLUSTER, CONFIG_PATH, liveToLogical, provisionSettled, REGION, ReasonNames } from "./parity-platform";

// One emulator for the file: the variants share names (cluster, queues, CIDRs), so each describe
// resets it and provisions its own variant.
const moto = useEmulator();

/** A finding in terms both sources share: the logical id and a reason naming resources by logical id. */
interface Comparable {
  readonly resource: string;
  readonly status: Finding["status"];
  readonly kind: Finding["kind"];
  readonly reason: string;
}

interface Checked {
  readonly platform: ProvisionedPlatform;
  readonly live: CheckOutcome;
  readonly template: CheckOutcome;
  /** Per item, the live findings with logical ids; a live resource the stack does not declare keeps its id, marked "?". */
  liveFindings(id: ItemId): Comparable[];
  templateFindings(id: ItemId): Comparable[];
  liveItem(id: ItemId): ItemResult;
  templateItem(id: ItemId): ItemResult;
}

/** Provisions a variant into the (reset) emulator and checks it live and as a template, with the example's readiness.yml. */
const checkBothWays = (variant: Variant): (() => Checked) => {
  let checked: Checked | undefined;
  beforeAll(async () => {
    await moto.emulator.reset();
    const platform = await provisionSettled(moto, variant);
    const config = await loadConfig(join(REPO, CONFIG_PATH));
    // The same call the CLI makes for `readiness check --live --endpoint-url … --config …`.
    const live = await checkLive({ config, endpoint: moto.emulator.endpoint, region: REGION });
    const template = await checkTemplate({ config, path: templatePath(variant) });
    // Collected again only to translate live ids into the stack's logical ids.
    const clients = createLiveClients({ endpoint: moto.emulator.endpoint, region: REGION });
    const { inventory } = await collectLiveInventory(clients, {
      clusters: [CLUSTER],
      services: config.services.map((s) => s.service),
    }).finally(() => destroyLiveClients(clients));
    const logicalOf = liveToLogical(platform, inventory);
    const liveNames = ReasonNames.live(platform, inventory);
    const templateNames = ReasonNames.template((await loadTemplateInventory(templatePath(variant))).inventory);
    const item = (outcome: CheckOutcome, id: ItemId): ItemResult => {
      const found = outcome.report.items.find((i) => i.id === id);
      if (!found) throw new Error(`item ${id} missing from ${outcome.report.source}`);
      return found;
    };
    const comparable = (findings: readonly Finding[], resource: (f: Finding) => string, names: ReasonNames) =>
      findings
        .map((f) => ({ resource: resource(f), status: f.status, kind: f.kind, reason: names.rewrite(f.reason) }))
        .sort((a, b) => `${a.kind} ${a.resource} ${a.reason}`.localeCompare(`${b.kind} ${b.resource} ${b.reason}`));
    checked = {
      platform,
      live,
      template,
      liveItem: (id) => item(live, id),
      templateItem: (id) => item(template, id),
      liveFindings: (id) =>
        comparable(item(live, id).findings, (f) => logicalOf.get(f.resource) ?? `?${f.resource}`, liveNames),
      templateFindings: (id) => comparable(item(template, id).findings, (f) => f.resource, templateNames),
    };
  });
  return () => {
    if (!checked) throw new Error("the platform was not provisioned and checked (see the beforeAll error)");
    return checked;
  };
};

/**
 * Where the live check legitimately says more (or otherwise) than the template about one resource:
 * both reasons exactly, and why. Every other finding must be identical.
 */
interface KnownDifference {
  readonly resource: string;
  readonly template: string;
  readonly live: string;
  readonly why: string;
}

/** Where a non-config part is decided differently live, with both reasons' patterns, and why. */
interface PartDifference {
  readonly kind: Finding["kind"];
  readonly template: RegExp;
  readonly live: RegExp;
  /** Findings only the live part has (logical id → reason pattern). */
  readonly liveFindings: Readonly<Record<string, RegExp>>;
  readonly why: string;
}

/**
 * The probe part of iam-least-privilege: live mode runs SimulatePrincipalPolicy against every task
 * role; moto lacks that API, so live the part is unknown per role with the endpoint's gap, while a
 * template has no roles to simulate. Both are unknown: only the reasons differ.
 */
const iamProbe = (roles: readonly string[]): PartDifference => ({
  kind: "probe",
  template: /SimulatePrincipalPolicy/,
  live: /endpoint lacks iam:SimulatePrincipalPolicy/,
  liveFindings: Object.fromEntries(roles.map((role) => [role, /endpoint lacks iam:SimulatePrincipalPolicy/])),
  why: "live runs the SimulatePrincipalPolicy probe, which moto lacks",
});

/**
 * The probe part of trace-id-in-logs: live mode samples each service's awslogs group with
 * FilterLogEvents; nothing writes to the provisioned groups, so live it is unknown per service
 * (no events in the window), while a template has no log events to sample. Both are unknown.
 */
const logSample: PartDifference = {
  kind: "probe",
  template: /needs a live run/,
  live: /no log events in the last 60 minutes/,
  liveFindings: Object.fromEntries(
    ["ApiService", "WorkerService", "DlqProcessorService"].map((service) => [
      service,
      /no log events in the last 60 minutes/,
    ]),
  ),
  why: "live samples the services' log groups, which are empty on the emulator",
};

/** Asserts the item's parts and findings are the same both ways, but for the differences declared for it. */
const expectSameItem = (
  checked: Checked,
  id: ItemId,
  differences: readonly KnownDifference[] = [],
  parts: readonly PartDifference[] = [],
): void => {
  const live = checked.liveItem(id);
  const template = checked.templateItem(id);
  expect(live.status, `${id}: item status`).toBe(template.status);
  expect(
    live.parts.map((p) => [p.kind, p.status]),
    `${id}: part statuses`,
  ).toEqual(template.parts.map((p) => [p.kind, p.status]));
  for (const part of live.parts) {
    const other = template.parts.find((p) => p.kind === part.kind)!;
    const declared = parts.find((d) => d.kind === part.kind);
    if (declared) {
      expect(other.reason, `${id} ${part.kind}: template reason`).toMatch(declared.template);
      expect(part.reason, `${id} ${part.kind}: live reason (${declared.why})`).toMatch(declared.live);
    } else expect(part.reason, `${id} ${part.kind}: part reason`).toBe(other.reason);
  }

  const liveOnlyKinds = new Set(parts.map((p) => p.kind));
  const liveFindings = checked.liveFindings(id).filter((f) => !liveOnlyKinds.has(f.kind));
  const templateFindings = checked.templateFindings(id).filter((f) => !liveOnlyKinds.has(f.kind));
  for (const difference of differences) {
    const inTemplate = templateFindings.find((f) => f.resource === difference.resource);
    const inLive = liveFindings.find((f) => f.resource === difference.resource);
    expect(inTemplate?.reason, `${id} ${difference.resource}: template reason`).toBe(difference.template);
    expect(inLive?.reason, `${id} ${difference.resource}: live reason (${difference.why})`).toBe(difference.live);
    expect(inLive?.status, `${id} ${difference.resource}: status`).toBe(inTemplate?.status);
  }
  const differing = new Set(differences.map((d) => d.resource));
  expect(
    liveFindings.filter((f) => !differing.has(f.resource)),
    `${id}: live findings (logical ids, reasons with logical ids) = template findings`,
  ).toEqual(templateFindings.filter((f) => !differing.has(f.resource)));

  for (const part of parts) {
    const liveOnly = checked.liveFindings(id).filter((f) => f.kind === part.kind);
    expect(Object.fromEntries(liveOnly.map((f) => [f.resource, f.reason])), `${id} ${part.kind} findings`).toEqual(
      Object.fromEntries(
        Object.entries(part.liveFindings).map(([resource, reason]) => [resource, expect.stringMatching(reason)]),
      ),
    );
    expect(
      checked.templateFindings(id).filter((f) => f.kind === part.kind),
      `${id} ${part.kind}: template findings`,
    ).toEqual([]);
  }
};

describe("readiness check --live on the provisioned BROKEN platform = --template on broken.yaml", () => {
  const checked = checkBothWays("broken");

  /** Item by item, where live legitimately differs from the template; every item not listed must be identical. */
  const BROKEN_DIFFERENCES: Partial<Record<ItemId, readonly KnownDifference[]>> = {
    "ecs-multi-az": [
      {
        resource: "WorkerService",
        template: "subnets span 1 AZ (us-east-1a), need ≥ 2; desired count 1, need ≥ 2",
        live: "subnets span 1 AZ (us-east-1a), need ≥ 2; desired count 1, need ≥ 2; running tasks in 1 AZ (us-east-1a), need ≥ 2",
        why: "live also sees where the service's running task is; a template has no running tasks",
      },
    ],
    "iam-least-privilege": [
      {
        resource: "DlqProcessorTaskRole",
        template: "AWS managed policy AdministratorAccess attached",
        live: 'managed policy AdministratorAccess: Action "*"',
        why: "live reads the AWS managed policy's document; a template only has its ARN, so the rule judges it by name",
      },
    ],
    "image-provenance": [
      {
        resource: "DlqProcessorRepository",
        template: "scan on push not set (disabled)",
        live: "scan on push disabled",
        why: "the template leaves ImageScanningConfiguration out; DescribeRepositories always states ScanOnPush",
      },
    ],
  };
  const BROKEN_PARTS: Partial<Record<ItemId, readonly PartDifference[]>> = {
    "iam-least-privilege": [iamProbe(["ApiTaskRole", "DlqProcessorTaskRole", "WorkerTaskRole"])],
    "trace-id-in-logs": [logSample],
  };

  it("the provisioner reports no gap for the broken variant, and the live run no warning", () => {
    expect(checked().platform.gaps).toEqual([]);
    expect(checked().live.warnings).toEqual([]);
  });

  it("both ways check every checklist item, in the same order", () => {
    expect(checked().live.report.items.map((i) => i.id)).toEqual([...ITEM_IDS]);
    expect(checked().template.report.items.map((i) => i.id)).toEqual([...ITEM_IDS]);
    expect(ITEM_IDS.length).toBeGreaterThan(0);
  });

  it("every live finding is on a resource the stack declares", () => {
    const undeclared = ITEM_IDS.flatMap((id) => checked().liveFindings(id)).filter((f) => f.resource.startsWith("?"));
    expect(undeclared).toEqual([]);
  });

  it.each(ITEM_IDS)("%s: same status, parts, offending resources and reasons", (id) => {
    expectSameItem(checked(), id, BROKEN_DIFFERENCES[id], BROKEN_PARTS[id]);
  });

  it("the failing items and resources are exactly those in expected/broken.json, both ways", async () => {
    const expected = JSON.parse(readFileSync(EXAMPLE_PLATFORM_FILES.expectedBrokenFindings, "utf8")) as Record<
      string,
      string[]
    >;
    const failing = (findings: (id: ItemId) => Comparable[]) =>
      Object.fromEntries(
        ITEM_IDS.flatMap((id) => {
          const ids = findings(id)
            .filter((f) => f.kind === "config" && f.status === "fail")
            .map((f) => f.resource);
          return ids.length ? [[id, [...new Set(ids)].sort()]] : [];
        }),
      );
    expect(failing(checked().liveFindings)).toEqual(expected);
    expect(failing(checked().templateFindings)).toEqual(expected);
  });

  it("Noncompliance: the readiness CLI (--live --format json) reports what checkLive reports, item by item", async () => {
    const result = await readiness(
      [
        "check",
        "--live",
        "--endpoint-url",
        moto.emulator.endpoint,
        "--region",
        REGION,
        "--config",
        CONFIG_PATH,
        "--format",
        "json",
      ],
      { env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { items: { id: string; status: string; findings: Finding[] }[] };
    const fromCore = checked().live.report.items;
    expect(report.items.map((i) => [i.id, i.status])).toEqual(fromCore.map((i) => [i.id, i.status]));
    const failed = (findings: readonly Finding[]) =>
      findings
        .filter((f) => f.status === "fail")
        .map((f) => `${f.resource}: ${f.reason}`)
        .sort();
    for (const item of report.items)
      expect(failed(item.findings), item.id).toEqual(failed(fromCore.find((i) => i.id === item.id)!.findings));
  });

  it("--only collects just the types the item's rules read, and decides each item exactly as the full check", async () => {
    const config = await loadConfig(join(REPO, CONFIG_PATH));
    const byFindings = (a: Finding, b: Finding) => `${a.kind} ${a.resource}`.localeCompare(`${b.kind} ${b.resource}`);
    for (const id of ITEM_IDS) {
      const alone = await checkLive({ config, endpoint: moto.emulator.endpoint, region: REGION, only: [id] });
      expect(alone.report.items.map((i) => i.id)).toEqual([id]);
      const [item] = alone.report.items;
      const full = checked().liveItem(id);
      expect({ ...item, findings: [...item!.findings].sort(byFindings) }, id).toEqual({
        ...full,
        findings: [...full.findings].sort(byFindings),
      });
    }
  });
});

describe("readiness check --live on the provisioned COMPLIANT platform = --template on compliant.yaml", () => {
  const checked = checkBothWays("compliant");

  /**
   * moto 5.2 has no trust stores and no listener mutual authentication, so the compliant HTTPS
   * listener exists there without mTLS: the provisioner records both as gaps, and DescribeListeners
   * answers without the MutualAuthentication AWS always sends, so live cannot read it (undecided,
   * not off). This is the endpoint's gap, not the platform's.
   */
  const MOTO_CANNOT_HOLD_MTLS: KnownDifference = {
    resource: "HttpsListener",
    template: "listener HTTPS:443 verifies client certificates against trust store TrustStore",
    live: "MutualAuthentication unknown (the endpoint's DescribeListeners answer has no MutualAuthentication for this HTTPS listener (AWS always sends it; the endpoint dropped it))",
    why: "moto cannot hold the listener's MutualAuthentication nor the trust store (provisioner gaps)",
  };

  it("the provisioner reports exactly the gaps moto cannot hold, and the live run no warning", () => {
    expect(
      checked()
        .platform.gaps.map((g) => `${g.resource} ${g.property}`)
        .sort(),
    ).toEqual(["Cluster ClusterSettings", "HttpsListener MutualAuthentication", "TrustStore TrustStore"]);
    expect(checked().live.warnings).toEqual([]);
  });

  it("Compliance: every config part passes live, but mtls, which moto cannot hold (same as the template otherwise)", () => {
    for (const item of checked().live.report.items) {
      const config = item.parts.find((p) => p.kind === "config");
      if (!config) continue;
      expect([item.id, config.status], config.reason).toEqual([item.id, item.id === "mtls" ? "unknown" : "pass"]);
      const failing = item.findings.filter((f) => f.kind === "config" && f.status !== "pass");
      if (item.id !== "mtls") expect(failing, item.id).toEqual([]);
    }
    const mtls = checked().liveFindings("mtls");
    expect(mtls).toEqual([
      { resource: "HttpsListener", status: "unknown", kind: "config", reason: MOTO_CANNOT_HOLD_MTLS.live },
    ]);
  });

  it("Compliance: items with other kinds stay unknown live, each part with its reason", () => {
    for (const item of checked().live.report.items) {
      for (const part of item.parts.filter((p) => p.kind !== "config")) {
        expect([item.id, part.kind, part.status]).toEqual([item.id, part.kind, "unknown"]);
        expect(part.reason, `${item.id} ${part.kind}`).toMatch(/\S/);
      }
      if (item.id !== "mtls" && item.kinds.some((k) => k !== "config")) expect(item.status, item.id).toBe("unknown");
      if (item.kinds.every((k) => k === "config")) expect(item.status, item.id).toBe("pass");
    }
  });

  it.each(ITEM_IDS.filter((id) => id !== "mtls"))("%s: same status, parts, resources and reasons", (id) => {
    expectSameItem(
      checked(),
      id,
      [],
      id === "iam-least-privilege"
        ? [iamProbe(["ApiTaskRole", "DlqProcessorTaskRole", "WorkerTaskRole"])]
        : id === "trace-id-in-logs"
          ? [logSample]
          : [],
    );
  });

  it("mtls: the only item that differs, by the listener's mutual authentication moto cannot hold", () => {
    expect(
      checked()
        .templateItem("mtls")
        .parts.find((p) => p.kind === "config")?.status,
    ).toBe("pass");
    expect(checked().liveItem("mtls").status).toBe("unknown");
    expect(
      checked()
        .templateFindings("mtls")
        .map((f) => [f.resource, f.status, f.reason]),
    ).toEqual([["HttpsListener", "pass", MOTO_CANNOT_HOLD_MTLS.template]]);
  });
});
