import { relative } from "node:path";
import type { ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { SmokeConfigSource, SmokeSettings } from "@readiness/core/checklist/config/smoke-settings";
import type { MtlsProbeResult } from "@readiness/core/gate/smoke/mtls-probe";
import type { SecretLoader } from "@readiness/core/gate/smoke/tls-material";
import type { SmokeRun, SmokeTarget } from "@readiness/core/gate/smoke/types";
import { UsageError } from "@readiness/core/kernel/errors";
import { type Command, Option } from "commander";
import { type ClientTlsFlags, clientTlsOf, serviceNamedBy, withClientTlsOptions } from "../command-io";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

interface SmokeFlags extends ClientTlsFlags {
  protocol?: "http" | "grpc";
  endpoint?: string;
  config?: string;
  service?: string;
  region?: string;
  timeout?: string;
  retries?: string;
  sloMs?: string;
  input?: string;
  format: "table" | "json";
  mtlsProbe?: boolean;
  resultsTable?: string;
  cluster?: string;
}

const EXAMPLES = `
Examples:
  $ readiness smoke --endpoint http://127.0.0.1:8080
  $ readiness smoke --protocol grpc --endpoint grpcs://api.internal:443 --cert client.pem --key client.key --ca ca.pem --mtls-probe
  $ readiness smoke --service api --format json          # endpoint and settings from readiness.yml
  $ readiness smoke --endpoint https://api.example.com --tls-secret prod/smoke-client --region eu-west-1
  $ readiness smoke --service api --mtls-probe --results-table readiness-results   # record the probe as mtls evidence

Exit codes: 0 PASS, 1 FAIL, 2 usage or input error, 3 INCONCLUSIVE (target unreachable, timeouts), 70 internal error.`;

export const registerSmoke = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  withClientTlsOptions(
    program
      .command("smoke")
      .description(
        "smoke-test a task service: submit, wait for completion, verify, replay with the same idempotency key",
      )
      .addOption(
        new Option("--protocol <protocol>", "wire protocol (default: from the endpoint's scheme)").choices([
          "http",
          "grpc",
        ]),
      )
      .option(
        "--endpoint <url>",
        "HTTP base URL, or gRPC host:port / grpc:// / grpcs:// (default: readiness.yml smoke)",
      )
      .option("--config <file>", "readiness.yml whose `smoke` section to use (default: ./readiness.yml if present)")
      .option("--service <name>", "use this readiness.yml service's smoke settings (services[].smoke over smoke)"),
  )
    .option("--region <region>", "AWS region of --tls-secret (default: AWS_REGION)")
    .option("--timeout <ms>", "how long the task may take to complete, in ms (default 30000)")
    .option("--retries <n>", "extra attempts for an unanswered request before INCONCLUSIVE (default 2)")
    .option("--slo-ms <ms>", "submit latency objective in ms; above it the run fails (default 100)")
    .option("--input <text>", "the task input (default: a fresh readiness-smoke-… string)")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--mtls-probe", "also check that a TLS handshake without a client certificate is refused")
    .option(
      "--results-table <name>",
      "record the --mtls-probe verdict as the mtls item's evidence of --service (its ECS service and running revision) in this results table",
    )
    .option("--cluster <name>", "ECS cluster of --service when readiness.yml names none (with --results-table)")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: SmokeFlags) => setExit(await runSmoke(flags, io)));
};

const runSmoke = async (flags: SmokeFlags, io: CliIo): Promise<ExitCode> => {
  const [{ loadConfigFile }, smoke] = await Promise.all([
    import("@readiness/core/checklist/config/load"),
    import("@readiness/core/gate/smoke/index"),
  ]);
  const fromFlags = settingsFromFlags(flags);
  if (flags.resultsTable !== undefined && (!flags.mtlsProbe || !flags.service))
    throw new UsageError(
      "--results-table records the mTLS probe of a service",
      undefined,
      "pass --mtls-probe and --service NAME (a readiness.yml service) with --results-table",
    );
  // Like `check`: --config, else ./readiness.yml when present, else the defaults (no smoke section).
  const { config, file } = await loadConfigFile(flags.config, { cwd: io.cwd });
  const source = withFlags(config, fromFlags, flags.service);
  const shownFile = file === undefined ? undefined : relative(io.cwd, file) || file;
  const { target, spec } = smoke.resolveSmokeSettings(source, flags.service, { configFile: shownFile });
  const loadSecret = target.tls?.secretId ? await secretLoader(flags, io) : undefined;
  const progress = (message: string) => {
    if (io.stderrIsTTY && flags.format === "table") io.stderr(`… ${message}\n`);
  };

  progress(`smoke-testing ${target.endpoint} (${target.protocol})`);
  const run = await smoke.runSmokeTest(target, spec, { loadSecret });
  let probe: MtlsProbeResult | undefined;
  if (flags.mtlsProbe) {
    progress("probing mutual TLS");
    probe = await smoke.probeMtls(target, { loadSecret });
  }
  const recorded =
    probe && flags.resultsTable && flags.service
      ? await recordProbe(
          probe,
          target,
          { ...flags, resultsTable: flags.resultsTable, service: flags.service },
          config,
          io,
        )
      : undefined;
  io.stdout(
    flags.format === "json"
      ? `${JSON.stringify({ ...run, ...(probe ? { mtlsProbe: probe } : {}), ...(recorded ? { recordedEvidence: recorded } : {}) }, null, 2)}\n`
      : `${smoke.renderTimeline(run, probe)}${recorded ? `  ${recorded.line}\n` : ""}`,
  );
  return exitCodeOf(run, probe);
};

/**
 * Records the probe as the `mtls` evidence of the readiness.yml service (found in ECS: its ARN and
 * the revision it runs), with the commit and CI run of the environment when present.
 */
const recordProbe = async (
  probe: MtlsProbeResult,
  target: SmokeTarget,
  flags: SmokeFlags & { resultsTable: string; service: string },
  config: ReadinessConfig,
  io: CliIo,
): Promise<{ recorded: boolean; service?: string; revision?: string; line: string }> => {
  const [{ createLiveClients, destroyLiveClients }, { ResultsTable }, { recordMtlsProbe }, { evidenceProvenance }] =
    await Promise.all([
      import("@readiness/core/checklist/adapters/live/clients"),
      import("@readiness/core/kernel/results/table"),
      import("@readiness/core/gate/smoke/record-mtls"),
      import("@readiness/core/checklist/evidence/provenance"),
    ]);
  const entry = serviceNamedBy(config, flags.service);
  const clients = createLiveClients({
    region: flags.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || undefined),
    endpoint: io.env.AWS_ENDPOINT_URL || undefined,
  });
  try {
    const cluster = flags.cluster ?? entry?.cluster;
    const record = await recordMtlsProbe(probe, target, {
      ecs: clients.ecs,
      results: ResultsTable.on(clients.dynamodb, flags.resultsTable),
      service: entry?.service ?? flags.service,
      ...(cluster ? { cluster } : {}),
      // The commit and the CI run of GitHub Actions' variables only: the smoke test reads no checkout.
      provenance: await evidenceProvenance("readiness smoke", io.env, undefined),
    });
    if (!record) return { recorded: false, line: `mTLS probe undecided: nothing recorded in ${flags.resultsTable}` };
    return {
      recorded: true,
      service: record.service,
      revision: record.revision,
      line: `recorded as mtls evidence of ${record.service} (${record.revision.split("/").pop()}) in ${flags.resultsTable}`,
    };
  } finally {
    destroyLiveClients(clients);
  }
};

/** The worst of the run and the probe: a refused probe fails, an undecided one is inconclusive. */
export const exitCodeOf = (run: Pick<SmokeRun, "verdict">, probe?: MtlsProbeResult): ExitCode => {
  if (run.verdict === "FAIL" || probe?.verdict === "fail") return EXIT.failed;
  if (run.verdict === "INCONCLUSIVE" || probe?.verdict === "unknown") return EXIT.inconclusive;
  return EXIT.ok;
};

/** The flags as a `smoke` section, so they merge over readiness.yml like a service's override does. */
export const settingsFromFlags = (
  flags: Pick<SmokeFlags, "protocol" | "endpoint" | "timeout" | "retries" | "sloMs" | "input"> & ClientTlsFlags,
): SmokeSettings => {
  const tls = clientTlsOf(flags);
  const completionMs = positiveInteger(flags.timeout, "--timeout", "milliseconds, e.g. --timeout 30000");
  const settings: SmokeSettings = defined({
    protocol: flags.protocol ?? (flags.endpoint ? protocolOf(flags.endpoint) : undefined),
    endpoint: flags.endpoint,
    input: flags.input,
    retries: nonNegativeInteger(flags.retries, "--retries"),
    sloSubmitMs: positiveInteger(flags.sloMs, "--slo-ms", "milliseconds, e.g. --slo-ms 200"),
    timeouts: completionMs === undefined ? undefined : { completionMs },
    tls,
  });
  if (flags.input === "") throw new UsageError("--input must not be empty", undefined, "omit it for a generated input");
  return settings;
};

/** Flags win over the service's settings, which win over the top-level `smoke`. */
export const withFlags = (
  config: SmokeConfigSource,
  flags: SmokeSettings,
  service: string | undefined,
): SmokeConfigSource => {
  const merge = (base: SmokeSettings | undefined): SmokeSettings => ({
    ...base,
    ...flags,
    ...(base?.timeouts || flags.timeouts ? { timeouts: { ...base?.timeouts, ...flags.timeouts } } : {}),
    ...(base?.tls || flags.tls ? { tls: { ...clientCertificateOverridden(base?.tls, flags.tls), ...flags.tls } } : {}),
  });
  if (service === undefined) return { ...config, smoke: merge(config.smoke) };
  return {
    ...config,
    services: config.services.map((s) =>
      s.name === service || s.service === service ? { ...s, smoke: merge(s.smoke) } : s,
    ),
  };
};

type TlsSettings = NonNullable<SmokeSettings["tls"]>;

/** A client certificate given by flags replaces the configured one, whichever way each gives it. */
const clientCertificateOverridden = (base: TlsSettings | undefined, flags: TlsSettings | undefined): TlsSettings => {
  if (!base) return {};
  const { certFile, keyFile, secretId, ...rest } = base;
  const replaced = Boolean(flags?.secretId || flags?.certFile || flags?.keyFile);
  return replaced ? rest : base;
};

// An http(s):// URL is HTTP; anything else given without --protocol (host:port, grpc://) is gRPC.
const protocolOf = (endpoint: string): "http" | "grpc" => (/^https?:\/\//i.test(endpoint) ? "http" : "grpc");

export const secretLoader = async (flags: Pick<SmokeFlags, "region">, io: CliIo): Promise<SecretLoader> => {
  const [{ SecretsManagerClient }, { secretsManagerLoader }] = await Promise.all([
    import("@aws-sdk/client-secrets-manager"),
    import("@readiness/core/gate/smoke/secrets"),
  ]);
  const region = flags.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || undefined);
  if (!region) throw new UsageError("--tls-secret needs a region", undefined, "pass --region REGION or set AWS_REGION");
  const client = new SecretsManagerClient({ region, endpoint: io.env.AWS_ENDPOINT_URL || undefined });
  const load = secretsManagerLoader(client);
  // One fetch per run (the smoke test and the probe share it); the client is closed right after.
  let fetched: Promise<string> | undefined;
  return (secretId) => {
    fetched ??= load(secretId).finally(() => client.destroy());
    return fetched;
  };
};

const positiveInteger = (value: string | undefined, flag: string, example: string): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new UsageError(`${flag} must be a positive whole number, got "${value}"`, undefined, `give ${example}`);
  return number;
};

const nonNegativeInteger = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 10)
    throw new UsageError(`${flag} must be a whole number from 0 to 10, got "${value}"`, undefined, `e.g. ${flag} 2`);
  return number;
};

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
