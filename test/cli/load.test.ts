import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, type CliResult, REPO, readiness } from "./helpers";

/**
 * `readiness load` (the real bin, in a child process) in plain mode against real local HTTP
 * servers: one that answers at once, one that sleeps. The rates are modest and the windows a few
 * seconds, so a busy two-core machine still holds them; the SLO is generous unless a test is about it.
 */
const SCRIPT_FIELDS = [
  "targetRps",
  "achievedRps",
  "requests",
  "errors",
  "latencyMs",
  "correctedForCoordinatedOmission",
  "verdict",
];
const LENIENT = ["--slo-p99-ms", "5000"];

interface LocalServer {
  readonly url: string;
  readonly requests: () => number;
  close(): Promise<void>;
}

const startServer = async (answer: (path: string, done: (status: number) => void) => void): Promise<LocalServer> => {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    answer(request.url ?? "/", (status) => {
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(status === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

let quick: LocalServer;
let sleepy: LocalServer;
let scratch: string;
const healthPaths: string[] = [];
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "readiness-load-cli-"));
  quick = await startServer((path, done) => {
    if (healthPaths.length < 5) healthPaths.push(path);
    done(path === "/health" ? 200 : 404);
  });
  // 100 ms an answer: two connections take 20 req/s at most.
  sleepy = await startServer((_path, done) => setTimeout(() => done(200), 100));
});
afterAll(async () => {
  await quick?.close();
  await sleepy?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("readiness load --method GET --path /health against any HTTP server", () => {
  it("Compliance: holds the rate, prints exactly the scripts' JSON fields, live progress on stderr, and writes the record", async () => {
    const before = quick.requests();
    const output = join(scratch, "health.json");
    const result = await readiness([
      "load",
      "--endpoint",
      quick.url,
      "--method",
      "GET",
      "--path",
      "/health",
      "--rps",
      "200",
      "--duration",
      "3s",
      "--warmup",
      "1s",
      "--format",
      "json",
      "--progress",
      "--output",
      output,
      ...LENIENT,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual(SCRIPT_FIELDS);
    expect(Object.keys(printed.latencyMs)).toEqual(["p50", "p90", "p99", "p999", "max"]);
    expect(printed).toMatchObject({
      targetRps: 200,
      requests: 600,
      errors: 0,
      correctedForCoordinatedOmission: true,
      verdict: "PASS",
    });
    expect(Math.abs(printed.achievedRps - 200) / 200).toBeLessThanOrEqual(0.01);
    const { p50, p90, p99, p999, max } = printed.latencyMs;
    expect(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max).toBe(true);
    // Warmup (200) + window (600) + the preflight: every one reached the server, on the path asked for.
    expect(quick.requests() - before).toBe(801);
    expect(healthPaths[0]).toBe("/health");
    // Progress once a second: rate, errors and P99; then the verdict and its reason.
    expect(result.stderr).toMatch(/… warmup 1\/1 s · \d+\.\d req\/s/);
    expect(result.stderr).toMatch(/… 2\/3 s · \d+\.\d req\/s · \d+ in flight · 0 errors of [\d,]+ · p99 [\d.]+ ms/);
    expect(result.stderr).toMatch(/\nPASS {2}p99 [\d.]+ ms ≤ 5000 ms, error rate 0% ≤ 0\.10%\n$/);
    const record = JSON.parse(readFileSync(output, "utf8"));
    expect(record).toMatchObject({ ...printed, rateHeld: true, partial: false, evidence: { counts: true } });
    expect(record.target).toEqual({ mode: "plain", protocol: "http", endpoint: quick.url, request: "GET /health" });
  });

  it("Noncompliance: a P99 above readiness.yml's slo-defined maxSubmitP99Ms FAILs (exit 1), naming the SLO's source", async () => {
    const config = join(scratch, "readiness.yml");
    writeFileSync(config, "version: 1\nrules:\n  slo-defined:\n    maxSubmitP99Ms: 0.001\n");
    const result = await readiness([
      "load",
      "--endpoint",
      quick.url,
      "--path",
      "/health",
      "--rps",
      "100",
      "--duration",
      "2s",
      "--warmup",
      "0",
      "--config",
      config,
    ]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("(plain, http: GET /health)");
    expect(result.stdout).toMatch(/SLO +p99 ≤ 0\.00 ms, errors ≤ 0\.10% \(.*readiness\.yml rules\.slo-defined\)/);
    expect(result.stdout).toMatch(/\nFAIL {2}p99 [\d.]+ ms above the SLO's 0\.00 ms\n/);
  });

  it("Compliance: --slo-document judges the run by the SLO file's submit P99 and availability objectives", async () => {
    const sloth = "packages/core/src/checklist/documents/slo/fixtures/sloth.yaml";
    const result = await readiness([
      "load",
      "--endpoint",
      quick.url,
      "--path",
      "/health",
      "--rps",
      "50",
      "--duration",
      "2s",
      "--warmup",
      "0",
      "--slo-document",
      sloth,
    ]);
    expect(result.stdout).toContain(
      `SLO        p99 ≤ 50.0 ms, errors ≤ 0.050% (${sloth} (submit P99 ≤ 50 ms: SLO submit-latency; availability ≥ 99.95%: SLO requests-availability))`,
    );
    expect([0, 1]).toContain(result.code);
    const unreadable = await readiness([
      "load",
      "--endpoint",
      quick.url,
      "--path",
      "/health",
      "--slo-document",
      "nowhere.yaml",
    ]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain("cannot read the SLO document nowhere.yaml: ENOENT");
  });

  it("Compliance: without --slo-document, readiness.yml's documents.slo judges the run; a path that matches nothing is exit 2", async () => {
    const dir = join(scratch, "slo-from-config");
    mkdirSync(join(dir, "ops"), { recursive: true });
    copyFileSync(
      join(REPO, "packages/core/src/checklist/documents/slo/fixtures/sloth.yaml"),
      join(dir, "ops/slo.yaml"),
    );
    const configWith = (slo: string) => {
      const file = join(dir, `readiness-${slo.replaceAll("/", "-")}.yml`);
      writeFileSync(file, `version: 1\ndocuments:\n  slo: ${slo}\n`);
      return file;
    };
    const plan = ["--path", "/health", "--rps", "50", "--duration", "1s", "--warmup", "0"];
    const result = await readiness(["load", "--endpoint", quick.url, ...plan, "--config", configWith("ops/slo.yaml")]);
    expect(result.stdout).toContain(
      "SLO        p99 ≤ 50.0 ms, errors ≤ 0.050% (ops/slo.yaml (submit P99 ≤ 50 ms: SLO submit-latency; availability ≥ 99.95%: SLO requests-availability))",
    );
    expect([0, 1]).toContain(result.code);
    // A path that matches no file: an input error naming the key, before any request is sent.
    const missing = await readiness([
      "load",
      "--endpoint",
      quick.url,
      ...plan,
      "--config",
      configWith("nowhere/slo.yaml"),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("readiness.yml documents.slo: ");
    expect(missing.stderr).toContain("nowhere/slo.yaml");
    expect(missing.stdout).toBe("");
  });

  it("Noncompliance: errors above the availability objective FAIL: a path the server answers 404", async () => {
    const result = await readiness([
      "load",
      "--endpoint",
      quick.url,
      "--method",
      "GET",
      "--path",
      "/missing",
      "--rps",
      "100",
      "--duration",
      "2s",
      "--warmup",
      "0",
      "--format",
      "json",
      ...LENIENT,
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ requests: 200, errors: 200, verdict: "FAIL" });
    expect(result.stderr).toContain("FAIL  error rate 100.0% above the SLO's 0.10% (200 of 200, mostly HTTP 404)");
  });

  it("Noncompliance: a server too slow for the connections given cannot take the rate: INCONCLUSIVE (exit 3), not evidence", async () => {
    const output = join(scratch, "short.json");
    const result = await readiness([
      "load",
      "--endpoint",
      sleepy.url,
      "--path",
      "/",
      "--rps",
      "50",
      "--duration",
      "2s",
      "--warmup",
      "0",
      "--connections",
      "2",
      "--format",
      "json",
      "--output",
      output,
      ...LENIENT,
    ]);
    expect(result.code).toBe(3);
    const printed = JSON.parse(result.stdout);
    expect(printed.verdict).toBe("INCONCLUSIVE");
    expect(printed.achievedRps).toBeLessThan(25);
    expect(result.stderr).toMatch(
      /INCONCLUSIVE {2}rate not held: achieved [\d.]+ req\/s of 50 \(−\d+\.\d+%, beyond ±1%\); \d+ requests due were never sent and \d+ waited for a free connection: raise --connections/,
    );
    // Corrected for coordinated omission: the waits for a connection are in the latency, far above the 100 ms service time.
    expect(printed.latencyMs.p99).toBeGreaterThan(500);
    const record = JSON.parse(readFileSync(output, "utf8"));
    expect(record).toMatchObject({
      rateHeld: false,
      evidence: { counts: false, note: "not evidence: the rate was not held within 1%" },
    });
    expect(record.serviceTimeMs.p99).toBeLessThan(400);
  });

  it("Noncompliance: Ctrl-C stops cleanly with a PARTIAL result (exit 130) that is not recorded", async () => {
    const output = join(scratch, "partial.json");
    const child = spawn(
      process.execPath,
      [
        BIN,
        "load",
        "--endpoint",
        quick.url,
        "--path",
        "/health",
        "--rps",
        "100",
        "--duration",
        "60s",
        "--warmup",
        "0",
        "--format",
        "json",
        "--progress",
        "--output",
        output,
        ...LENIENT,
      ],
      { cwd: REPO, env: { ...process.env, NO_COLOR: "" } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    let interrupted = false;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      // After the measured window's first progress line: the run is under way.
      if (!interrupted && /… 1\/60 s/.test(stderr)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    const result: CliResult = await new Promise((resolve) =>
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })),
    );
    expect(interrupted).toBe(true);
    expect(result.code, result.stderr).toBe(130);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual(SCRIPT_FIELDS);
    expect(printed.verdict).toBe("PARTIAL");
    // About a second ran at 100 req/s before the interrupt: some requests, far from the 6,000 planned.
    expect(printed.requests).toBeGreaterThan(0);
    expect(printed.requests).toBeLessThan(6_000);
    expect(result.stderr).toMatch(
      /PARTIAL {2}interrupted after [\d.]+ s of the 60 s measured: partial result, not recorded/,
    );
    expect(result.stderr).toContain(`partial result: not recorded, ${output} not written`);
    expect(existsSync(output)).toBe(false);
  });

  it("bad input: a clear error (exit 2) saying what to pass", async () => {
    const noEndpoint = await readiness(["load", "--method", "GET", "--path", "/health"], { cwd: scratch });
    expect(noEndpoint.code).toBe(2);
    expect(noEndpoint.stderr).toContain("plain mode needs --endpoint");
    const badRate = await readiness(["load", "--endpoint", quick.url, "--path", "/health", "--rps", "fast"], {
      cwd: scratch,
    });
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('--rps must be a positive number, got "fast"');
    const unreachable = await readiness(
      [
        "load",
        "--endpoint",
        "http://127.0.0.1:9",
        "--path",
        "/health",
        "--rps",
        "10",
        "--duration",
        "1s",
        "--warmup",
        "0",
      ],
      { cwd: scratch },
    );
    expect(unreachable.code).toBe(3);
    const unwritable = await readiness(
      ["load", "--endpoint", quick.url, "--path", "/health", "--output", join(scratch, "no-such-folder", "load.json")],
      { cwd: scratch },
    );
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain("no-such-folder/load.json: ENOENT (its folder)");
    expect(unwritable.stdout).toBe("");
    expect(unreachable.stdout).toContain("INCONCLUSIVE  target unreachable");
  });
});
