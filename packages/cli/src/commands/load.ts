import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { SmokeSettings } from "@readiness/core/checklist/config/smoke-settings";
import type { DocumentFile } from "@readiness/core/checklist/documents/types";
import type { LoadClient } from "@readiness/core/gate/load/clients/client";
import type { LoadPlan, LoadResult, LoadTargetDescription, SloTarget } from "@readiness/core/gate/load/types";
import type { SecretLoader } from "@readiness/core/gate/smoke/tls-material";
import { UsageError } from "@readiness/core/kernel/errors";
import { type Command, Option } from "commander";
import {
  type AwsAccessFlags,
  type ClientTlsFlags,
  clientTlsOf,
  serviceNamedBy,
  withClientTlsOptions,
  writeOutputFile,
} from "../command-io";
import { type EvidenceTarget, openEvidenceTarget } from "../evidence-target";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { parseDuration } from "./duration";
import { secretLoader, settingsFromFlags, withFlags } from "./smoke";

interface LoadFlags extends AwsAccessFlags, ClientTlsFlags {
  endpoint?: string;
  protocol?: "http" | "grpc";
  method?: string;
  path?: string;
  config?: string;
  service?: string;
  rps: string;
  duration: string;
  warmup: string;
  connections?: string;
  requestTimeout?: string;
  sloDocument?: string[];
  sloP99Ms?: string;
  sloErrorRate?: string;
  resultsTable?: string;
  cluster?: string;
  format: "table" | "json";
  output?: string;
  progress?: boolean;
}

const EXAMPLES = `
Task contract mode (default): each request is the smoke test's submit (POST /tasks, or gRPC
Submit) with a fresh idempotency key, to any service implementing docs/task-service-contract.md.
Plain mode (--method and/or --path): one request against any HTTP server.

Open model: request i is due at start + i/rps whatever the target does, and its latency is measured
from that time, so waits for a connection or behind a stalled target count (corrected for
coordinated omission). A run whose achieved rate is more than 1% off the target says so and is
INCONCLUSIVE: it does not count as evidence. The SLO is --slo-document's (its submit P99 and
availability objectives), else readiness.yml's rules.slo-defined (maxSubmitP99Ms,
minAvailabilityPercent), else their defaults; --slo-* flags override a part. docs/load.md has it all.

Examples:
  $ readiness load --endpoint http://127.0.0.1:8080                       # 500 req/s, 30 s after a 5 s warmup
  $ readiness load --endpoint 127.0.0.1:50051 --rps 200 --duration 1m     # gRPC Submit
  $ readiness load --service api --format json --output load.json         # endpoint and TLS from readiness.yml
  $ readiness load --endpoint http://127.0.0.1:3000 --method GET --path /health --rps 5000 --warmup 0
  $ readiness load --endpoint http://127.0.0.1:8080 --slo-document ops/slo.yaml
  $ readiness load --endpoint http://127.0.0.1:8080 --slo-p99-ms 250 --slo-error-rate 0.5%
  $ readiness load --service api --results-table readiness-results        # record it: load-tested evidence

With --results-table, a finished run that held its rate is recorded as load-tested evidence for
--service (ECS names the revision it runs now, read before the run); check --live and the Config
rules then decide load-tested from it (docs/load.md).

Exit codes: 0 PASS, 1 FAIL (p99 or error rate above the SLO), 2 usage or input error,
3 INCONCLUSIVE (rate not held within 1%, target unreachable), 130 PARTIAL (Ctrl-C: the partial
result is printed and not recorded), 70 internal error.`;

export const registerLoad = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  withClientTlsOptions(
    program
      .command("load")
      .description("load-test a service at a constant arrival rate and judge it against the SLO")
      .option(
        "--endpoint <url>",
        "HTTP base URL, or gRPC host:port / grpc:// / grpcs:// (default: readiness.yml smoke)",
      )
      .addOption(
        new Option("--protocol <protocol>", "wire protocol (default: from the endpoint's scheme)").choices([
          "http",
          "grpc",
        ]),
      )
      .option("--method <method>", "plain mode: the HTTP method (default GET when --path is given)")
      .option("--path <path>", "plain mode: the path under the endpoint (default / when --method is given)")
      .option(
        "--config <file>",
        "readiness.yml for the smoke settings and the SLO (default: ./readiness.yml if present)",
      )
      .option("--service <name>", "use this readiness.yml service's smoke settings (services[].smoke over smoke)")
      .option("--rps <n>", "requests started per second", "500")
      .option("--duration <duration>", "the measured window (30s, 2m, 1500ms)", "30s")
      .option("--warmup <duration>", "sent before the window and not recorded (0 for none)", "5s")
      .option("--connections <n>", "requests in flight at most (default: rps/10, at least 10)")
      .option("--request-timeout <duration>", "one request (default: readiness.yml smoke.timeouts.requestMs, else 5s)")
      .option(
        "--slo-document <file>",
        "SLO file (OpenSLO v1 or Sloth) to judge by: its submit P99 and availability objectives (repeatable)",
        (file: string, files: string[] = []) => [...files, file],
      )
      .option("--slo-p99-ms <ms>", "P99 objective in ms (default: rules.slo-defined maxSubmitP99Ms)")
      .option("--slo-error-rate <rate>", "highest error rate, 0.001 or 0.1% (default: from minAvailabilityPercent)"),
  )
    .option("--region <region>", "AWS region of --tls-secret and --results-table (default: AWS_REGION)")
    .option("--results-table <name>", "record the run as load-tested evidence in this results table (needs --service)")
    .option("--cluster <name>", "with --results-table: the service's ECS cluster (default: readiness.yml's)")
    .option("--profile <name>", "with --results-table: AWS profile for ECS and DynamoDB")
    .option("--endpoint-url <url>", "with --results-table: AWS endpoint (a local emulator)")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option(
      "--output <file>",
      "write the whole result (the record of the run) as JSON to this file; not for a partial run",
    )
    .option("--progress", "print progress on stderr once a second even when stderr is not a terminal")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: LoadFlags) => setExit(await runLoad(flags, io)));
};

interface Prepared {
  readonly target: LoadTargetDescription;
  readonly openClient: (connections: number, timeoutMs: number) => Promise<LoadClient>;
  /** readiness.yml's smoke.timeouts.requestMs, when the target came from there. */
  readonly requestTimeoutMs?: number;
}

const runLoad = async (flags: LoadFlags, io: CliIo): Promise<ExitCode> => {
  const plain = flags.method !== undefined || flags.path !== undefined;
  const rps = positiveNumber(flags.rps, "--rps", "requests per second, e.g. --rps 500");
  const durationMs = parseDuration(flags.duration, "--duration");
  const warmupMs = isZero(flags.warmup) ? 0 : parseDuration(flags.warmup, "--warmup");
  const connections = flags.connections === undefined ? undefined : wholeNumber(flags.connections, "--connections");
  const overrides = {
    maxP99Ms:
      flags.sloP99Ms === undefined
        ? undefined
        : positiveNumber(flags.sloP99Ms, "--slo-p99-ms", "milliseconds, e.g. --slo-p99-ms 100"),
    maxErrorRate: flags.sloErrorRate === undefined ? undefined : errorRate(flags.sloErrorRate),
  };
  const requestTimeoutFlag =
    flags.requestTimeout === undefined ? undefined : parseDuration(flags.requestTimeout, "--request-timeout");

  const [{ loadConfigFile }, load] = await Promise.all([
    import("@readiness/core/checklist/config/load"),
    import("@readiness/core/gate/load/index"),
  ]);
  const { config, file } = await loadConfigFile(flags.config, { cwd: io.cwd });
  const shownFile = file === undefined ? undefined : relative(io.cwd, file) || file;
  const submitKeyword = load.sloDefinedParams(config).submitKeyword;
  const document =
    flags.sloDocument === undefined
      ? await configuredSloDocument(config, file, flags.service, (files) => load.sloFromDocument(files, submitKeyword))
      : load.sloFromDocument(await readSloDocuments(flags.sloDocument, io.cwd), submitKeyword);
  const slo = load.resolveSlo({ document, config, configFile: shownFile, overrides });
  const prepared = plain ? await preparePlain(flags, io) : await prepareTask(flags, io, config, shownFile);
  const plan = { rps, durationMs, warmupMs, connections: connections ?? load.defaultConnections(rps) };
  const timeoutMs = requestTimeoutFlag ?? prepared.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // A record that cannot be written, or a service that cannot be found, is found before the run.
  if (flags.output !== undefined) await checkWritable(resolve(io.cwd, flags.output), flags.output);
  const evidence = await openEvidenceTarget(flags, config, { source: "readiness load", env: io.env, cwd: io.cwd });
  try {
    return await runAndReport(flags, io, { load, prepared, plan, slo, timeoutMs, rps, warmupMs, evidence, config });
  } finally {
    evidence?.close();
  }
};

interface RunInputs {
  readonly load: typeof import("@readiness/core/gate/load/index");
  readonly prepared: Prepared;
  readonly plan: LoadPlan;
  readonly slo: SloTarget;
  readonly timeoutMs: number;
  readonly rps: number;
  readonly warmupMs: number;
  readonly evidence: EvidenceTarget | undefined;
  readonly config: ReadinessConfig;
}

const runAndReport = async (flags: LoadFlags, io: CliIo, inputs: RunInputs): Promise<ExitCode> => {
  const { load, prepared, plan, slo, timeoutMs, rps, warmupMs, evidence } = inputs;
  const client = await prepared.openClient(plan.connections, timeoutMs);

  const showProgress = io.stderrIsTTY || flags.progress === true;
  if (showProgress)
    io.stderr(
      `… load test of ${prepared.target.endpoint} (${prepared.target.request}): ${rps} req/s for ${flags.duration}${warmupMs > 0 ? ` after a ${flags.warmup} warmup` : ""}, up to ${plan.connections} connections, request timeout ${timeoutMs} ms\n`,
    );
  const stop = new AbortController();
  // Listening (not `once`): a second Ctrl-C must not kill the process before the partial result is out.
  const onSignal = () => stop.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let result: LoadResult;
  try {
    result = await load.runLoadTest({
      target: prepared.target,
      client,
      plan,
      slo,
      signal: stop.signal,
      onProgress: showProgress ? (snapshot) => io.stderr(load.renderProgress(snapshot)) : undefined,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (flags.format === "json") {
    io.stdout(`${JSON.stringify(load.loadScriptJson(result))}\n`);
    // stdout holds only the scripts' fields; why the verdict is what it is goes to stderr.
    io.stderr(`${result.verdict}  ${result.reason}\n`);
  } else io.stdout(load.renderLoadResult(result));
  if (flags.output !== undefined) {
    const shown = flags.output;
    if (result.partial) io.stderr(`partial result: not recorded, ${shown} not written\n`);
    else await writeOutputFile(io, shown, `${JSON.stringify(result, null, 2)}\n`, "the result");
  }
  if (evidence) await recordLoadEvidence(result, evidence, inputs, io);
  if (result.partial) return EXIT.interrupted;
  return result.verdict === "PASS" ? EXIT.ok : result.verdict === "FAIL" ? EXIT.failed : EXIT.inconclusive;
};

/** Records a finished run as load-tested evidence, or says on stderr why it is not evidence. */
const recordLoadEvidence = async (result: LoadResult, evidence: EvidenceTarget, inputs: RunInputs, io: CliIo) => {
  const { paramsFromConfig } = await import("@readiness/core/checklist/config/params");
  const { minRequestsPerSecond } = paramsFromConfig(inputs.config)("load-tested") as { minRequestsPerSecond: number };
  const outcome = inputs.load.loadEvidenceOf(result, {
    service: evidence.service,
    minRequestsPerSecond,
    provenance: evidence.provenance,
    recordedAt: new Date().toISOString(),
    evidenceId: evidence.newId(),
  });
  if (!outcome.recorded) return void io.stderr(`not recorded as load-tested evidence: ${outcome.note}\n`);
  await evidence.record(outcome.record);
  const revision = evidence.service.revision.split("/").pop();
  io.stderr(
    `recorded load-tested evidence (${outcome.record.verdict}) for ${evidence.service.serviceArn} at ${revision} in ${evidence.table}\n`,
  );
};

const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

/** The SLO files as `slo-defined` reads them: each path as the user gave it, relative to the working directory. */
/**
 * readiness.yml's own SLO document (`documents.slo`, the --service's over the top level's), read as
 * `slo-defined` reads it: the team's SLO judges its load test unless --slo-document names another.
 * Undefined when readiness.yml names none.
 */
const configuredSloDocument = async <T>(
  config: ReadinessConfig,
  configFile: string | undefined,
  service: string | undefined,
  judgeBy: (files: readonly DocumentFile[]) => T,
): Promise<T | undefined> => {
  if (configFile === undefined) return undefined;
  const [{ documentsOfService }, { loadDocumentSet }] = await Promise.all([
    import("@readiness/core/checklist/config/documents-schema"),
    import("@readiness/core/checklist/documents/source/document-set"),
  ]);
  const slo = documentsOfService(config.documents, serviceNamedBy(config, service)).slo;
  if (slo === undefined) return undefined;
  const read = (await loadDocumentSet(dirname(configFile), { slo })).files("slo");
  const [problem] = read.problems;
  if (problem)
    throw new UsageError(
      `readiness.yml documents.slo: ${problem.reason}`,
      undefined,
      "fix the path in readiness.yml (relative to it), or pass --slo-document FILE",
    );
  return judgeBy(read.files);
};

const readSloDocuments = (files: readonly string[], cwd: string) =>
  Promise.all(
    files.map(async (file) => {
      try {
        return { path: file, text: await readFile(resolve(cwd, file), "utf8") };
      } catch (error) {
        throw new UsageError(
          `cannot read the SLO document ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          undefined,
          "pass an OpenSLO or Sloth file to --slo-document",
          { cause: error },
        );
      }
    }),
  );

const checkWritable = async (path: string, shown: string): Promise<void> => {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `cannot write the result to ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)} (its folder)`,
      undefined,
      "pass a file path in a writable folder to --output",
      { cause: error },
    );
  }
};

/** Plain mode: --endpoint is an HTTP(S) base URL, the request is --method and --path; no smoke settings. */
const preparePlain = async (flags: LoadFlags, io: CliIo): Promise<Prepared> => {
  if (flags.protocol === "grpc")
    throw new UsageError(
      "--method and --path are HTTP only",
      undefined,
      "drop --protocol grpc, or drop --method/--path for gRPC Submit",
    );
  if (flags.service !== undefined)
    throw new UsageError(
      "--service picks readiness.yml smoke settings, which plain mode does not use",
      undefined,
      "drop --service, or drop --method/--path to send the task contract's submit",
    );
  if (!flags.endpoint)
    throw new UsageError(
      "plain mode needs --endpoint",
      undefined,
      "e.g. --endpoint http://127.0.0.1:3000 --method GET --path /health",
    );
  let baseUrl: URL;
  try {
    baseUrl = new URL(flags.endpoint);
  } catch {
    baseUrl = new URL("invalid:");
  }
  if (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:")
    throw new UsageError(
      `--endpoint ${flags.endpoint} is not an http:// or https:// URL`,
      undefined,
      "e.g. --endpoint http://127.0.0.1:3000",
    );
  if (baseUrl.search || baseUrl.hash)
    throw new UsageError(`--endpoint ${flags.endpoint} has a query or fragment`, undefined, "put the query in --path");
  const method = (flags.method ?? "GET").toUpperCase();
  if (!/^[A-Z]+$/.test(method))
    throw new UsageError(
      `--method "${flags.method}" is not an HTTP method`,
      undefined,
      "e.g. --method GET or --method POST",
    );
  const path = flags.path ?? "/";
  if (!path.startsWith("/"))
    throw new UsageError(`--path "${path}" must start with /`, undefined, "e.g. --path /health");
  const tlsSettings = clientTlsOf(flags);
  if (tlsSettings && baseUrl.protocol !== "https:")
    throw new UsageError(
      "TLS options were given for a plain http:// endpoint",
      undefined,
      "use an https:// endpoint, or drop the certificate options",
    );
  const [{ loadClientTls }, { plainHttpClient, joinPath }] = await Promise.all([
    import("@readiness/core/gate/smoke/tls-material"),
    import("@readiness/core/gate/load/clients/plain-http"),
  ]);
  const loadSecret = tlsSettings?.secretId ? await secretLoader(flags, io) : undefined;
  const tls = await loadClientTls(tlsSettings, { loadSecret });
  return {
    target: {
      mode: "plain",
      protocol: "http",
      endpoint: flags.endpoint,
      request: `${method} ${joinPath(baseUrl.pathname, path)}`,
    },
    openClient: async (connections, timeoutMs) =>
      plainHttpClient({ baseUrl, method, path, connections, timeoutMs, tls }),
  };
};

/** Task contract mode: the target and TLS as `readiness smoke` finds them (flags over readiness.yml). */
const prepareTask = async (
  flags: LoadFlags,
  io: CliIo,
  config: Parameters<typeof withFlags>[0],
  shownFile: string | undefined,
): Promise<Prepared> => {
  const [smoke, { taskContractClient }] = await Promise.all([
    import("@readiness/core/gate/smoke/index"),
    import("@readiness/core/gate/load/clients/task-contract"),
  ]);
  if (!flags.endpoint && shownFile === undefined)
    throw new UsageError(
      "pass --endpoint (no readiness.yml found)",
      undefined,
      "e.g. readiness load --endpoint http://127.0.0.1:8080, or readiness load --endpoint http://127.0.0.1:3000 --method GET --path /health for any HTTP server",
    );
  const fromFlags: SmokeSettings = settingsFromFlags(flags);
  const source = withFlags(config, fromFlags, flags.service);
  const { target, spec } = smoke.resolveSmokeSettings(source, flags.service, { configFile: shownFile });
  const endpoint = smoke.parseEndpoint(target);
  const loadSecret: SecretLoader | undefined = target.tls?.secretId ? await secretLoader(flags, io) : undefined;
  const tls = await smoke.loadClientTls(target.tls, { loadSecret });
  return {
    target: {
      mode: "task",
      protocol: target.protocol,
      endpoint: target.endpoint,
      request: target.protocol === "grpc" ? "tasks.v1.TaskService/Submit" : `POST ${endpoint.baseUrl.pathname}tasks`,
    },
    requestTimeoutMs: spec.timeouts?.requestMs,
    openClient: (_connections, timeoutMs) =>
      taskContractClient({ endpoint, tls, timeoutMs, traceId: randomUUID().replace(/-/g, "") }),
  };
};

const isZero = (value: string): boolean => /^0+(\.0+)?(ms|s|m|h)?$/.test(value.trim());

const positiveNumber = (value: string, flag: string, example: string): number => {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0)
    throw new UsageError(`${flag} must be a positive number, got "${value}"`, undefined, `give ${example}`);
  return number;
};

const wholeNumber = (value: string, flag: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100_000)
    throw new UsageError(
      `${flag} must be a whole number from 1 to 100000, got "${value}"`,
      undefined,
      `e.g. ${flag} 50`,
    );
  return number;
};

/** "0.001" or "0.1%" → 0.001. */
const errorRate = (value: string): number => {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(value.trim());
  const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new UsageError(
      `--slo-error-rate must be a fraction from 0 to 1 or a percentage, got "${value}"`,
      undefined,
      "e.g. --slo-error-rate 0.001 or --slo-error-rate 0.1%",
    );
  return rate;
};
