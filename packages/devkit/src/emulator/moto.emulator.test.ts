import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sdkConfigFor } from "./client-config";
import {
  type Emulator,
  EmulatorUnavailableError,
  freeLoopbackPort,
  type MotoExtension,
  motoExtensionPath,
  startEmulator,
} from "./moto";

const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
});

const start = async (...args: Parameters<typeof startEmulator>): Promise<Emulator> => {
  const emulator = await startEmulator(...args);
  started.push(emulator);
  return emulator;
};

const answers = async (endpoint: string): Promise<boolean> =>
  fetch(`${endpoint}/moto-api/`).then(
    (response) => response.ok,
    () => false,
  );

describe("startEmulator", () => {
  it("starts moto on a free loopback port that SDK clients reach, and reset forgets everything", async () => {
    const emulator = await start();
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
    const sqs = new SQSClient(sdkConfigFor(emulator.endpoint, "eu-west-1"));
    await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(1);

    await emulator.reset();

    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toHaveLength(0);
  });

  it("stop ends the server it started, and a second stop is harmless", async () => {
    const emulator = await start();
    await emulator.stop();
    expect(await answers(emulator.endpoint)).toBe(false);
    await emulator.stop();
    await expect(emulator.reset()).rejects.toThrow(/stopped/);
  });

  it("two emulators run side by side on different ports, each stopping only its own", async () => {
    const [first, second] = await Promise.all([start(), start()]);
    expect(first.port).not.toBe(second.port);
    await first.stop();
    expect(await answers(second.endpoint)).toBe(true);
  });

  it("listens on the port asked for and writes the server log to the file given", async () => {
    const port = await freeLoopbackPort();
    const logFile = join(mkdtempSync(join(tmpdir(), "readiness-moto-")), "moto.log");
    const emulator = await start({ port, logFile });
    expect(emulator.port).toBe(port);
    await emulator.reset();
    // The server logs a request just after answering it.
    await vi.waitFor(() => expect(readFileSync(logFile, "utf8")).toContain("/moto-api/reset"));
  });

  it("does not outlive a parent process that is killed outright", async () => {
    const fixture = fileURLToPath(new URL("./hold-emulator.fixture.ts", import.meta.url));
    const parent = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "inherit"] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      parent.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString("utf8").trim()));
      parent.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    expect(await answers(endpoint)).toBe(true);
    parent.kill("SIGKILL");
    await vi.waitFor(async () => expect(await answers(endpoint)).toBe(false), { timeout: 10_000, interval: 200 });
  });

  it("fails with the fix when python3 is missing", async () => {
    const error = await start({ python: "/nonexistent/python3" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorUnavailableError);
    expect(String((error as Error).message)).toMatch(/was not found[\s\S]*pip install 'moto\[server\]'/);
  });

  it("fails with the fix and the server's stderr when moto is not installed", async () => {
    // A python whose import of moto fails the way a missing install does.
    const dir = mkdtempSync(join(tmpdir(), "readiness-nomoto-"));
    const fakePython = join(dir, "python3");
    writeFileSync(fakePython, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'moto'\" >&2\nexit 1\n", {
      mode: 0o755,
    });
    const error = await start({ python: fakePython }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorUnavailableError);
    expect((error as Error).message).toMatch(/moto is not installed[\s\S]*No module named 'moto'[\s\S]*pip install/);
  });

  it("fails with the server's stderr tail when the server exits before answering", async () => {
    const dir = mkdtempSync(join(tmpdir(), "readiness-crash-"));
    const fakePython = join(dir, "python3");
    writeFileSync(fakePython, "#!/bin/sh\necho 'boom: config broken' >&2\nexit 3\n", { mode: 0o755 });
    const error = await start({ python: fakePython }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorUnavailableError);
    expect((error as Error).message).toMatch(/exited with code 3[\s\S]*boom: config broken/);
  });

  it("fails when the server never answers within the deadline, and kills it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "readiness-mute-"));
    const fakePython = join(dir, "python3");
    const pidFile = join(dir, "pid");
    writeFileSync(fakePython, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 60\n`, { mode: 0o755 });
    const error = await start({ python: fakePython, startTimeoutMs: 700 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorUnavailableError);
    expect((error as Error).message).toMatch(/did not answer within/);
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(isAlive(pid)).toBe(false);
  });
});

describe("opt-in moto extensions", () => {
  /** The HTTP status SimulatePrincipalPolicy answers with for a role that exists (200 once implemented). */
  const simulateStatus = async (emulator: Emulator): Promise<number | undefined> => {
    const iam = new IAMClient({ ...sdkConfigFor(emulator.endpoint), maxAttempts: 1 });
    const role = await iam.send(new CreateRoleCommand({ RoleName: "probe", AssumeRolePolicyDocument: "{}" }));
    try {
      const answer = await iam.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: role.Role!.Arn, ActionNames: ["s3:GetObject"] }),
      );
      return answer.$metadata.httpStatusCode;
    } catch (error) {
      return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    } finally {
      iam.destroy();
    }
  };

  it("are installed only when asked: plain moto lacks SimulatePrincipalPolicy (HTTP 500), the extended one answers", async () => {
    // An inherited setting must not turn the plain emulator into the extended one.
    process.env.READINESS_MOTO_EXTENSIONS = JSON.stringify([motoExtensionPath("iam-simulate-principal-policy")]);
    try {
      const [plain, extended] = await Promise.all([start(), start({ extensions: ["iam-simulate-principal-policy"] })]);
      expect(await simulateStatus(plain)).toBe(500);
      expect(await simulateStatus(extended)).toBe(200);
    } finally {
      delete process.env.READINESS_MOTO_EXTENSIONS;
    }
  });

  it("an extension's Python file is found through the package's exports, as it is from the CLI's bundle", () => {
    const path = motoExtensionPath("iam-simulate-principal-policy");
    expect(path).toBe(fileURLToPath(new URL("./moto-extensions/iam_simulate_principal_policy.py", import.meta.url)));
    expect(readFileSync(path, "utf8")).toContain("def install()");
    // The bundle's chunks sit in packages/cli/dist: the same specifier resolves to the same file from there.
    const fromBundle = createRequire(fileURLToPath(new URL("../../../cli/dist/chunk.js", import.meta.url)));
    expect(fromBundle.resolve("@readiness/devkit/emulator/moto-extensions/iam_simulate_principal_policy.py")).toBe(
      path,
    );
  });

  it("an unknown extension is refused, naming the known ones", async () => {
    const error = await start({ extensions: ["iam-everything" as MotoExtension] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorUnavailableError);
    expect((error as Error).message).toMatch(
      /unknown moto extension "iam-everything"[\s\S]*iam-simulate-principal-policy/,
    );
  });
});

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
