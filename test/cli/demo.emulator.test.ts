import { readdirSync, readFileSync } from "node:fs";
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { processAlive as alive, portOpen } from "@readiness/devkit/testing/processes";
import { describe, expect, it } from "vitest";
import { readiness, spawnDemo } from "./helpers";

/**
 * `readiness demo` end to end: the real bin starts its own moto emulator and the example task
 * service, provisions the platform, drives the real deployment gate handler, and must stop
 * everything it started: when it ends, when it is interrupted, and after --keep.
 */
const DEMO_TIMEOUT_MS = 240_000;
const OFFSET = String.raw` *\+\d+\.\ds  `;

interface Started {
  readonly emulatorPort: number;
  readonly ports: number[];
  readonly pids: number[];
}

/** The ports and process ids the demo printed (each restart starts new processes and prints them). */
const startedBy = (stdout: string): Started => {
  const emulator = /✓ emulator up at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
  const service = /answers at http:\/\/127\.0\.0\.1:(\d+) \(gRPC 127\.0\.0\.1:(\d+)/.exec(stdout);
  if (!emulator || !service) throw new Error(`the demo printed no endpoints:\n${stdout}`);
  const pids = [...stdout.matchAll(/pids (\d+), (\d+), (\d+)/g)].flatMap((m) => [m[1], m[2], m[3]].map(Number));
  return {
    emulatorPort: Number(emulator[1]),
    ports: [Number(emulator[1]), Number(service[1]), Number(service[2])],
    pids,
  };
};

/** moto servers still running on the demo's port (found by command line: they are not our children). */
const motoServersOn = (port: number): number[] =>
  readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return (
          args.some((a) => a.includes("moto")) && args.includes("-p") && args[args.indexOf("-p") + 1] === String(port)
        );
      } catch {
        return false;
      }
    })
    .map(Number);

const expectNothingLeft = async (started: Started): Promise<void> => {
  expect(started.pids.length).toBeGreaterThanOrEqual(3);
  for (const port of started.ports) expect(await portOpen(port), `port ${port} is still open`).toBe(false);
  expect(started.pids.filter(alive), "task service processes still running").toEqual([]);
  expect(motoServersOn(started.emulatorPort), "moto server still running").toEqual([]);
};

describe("readiness demo", () => {
  it(
    "--quick plays the deployments' story (exit 0), printed as a timeline, and leaves nothing running",
    async () => {
      const result = await readiness(["demo", "--quick"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = result.stdout;
      // No colour when stdout is not a terminal.
      expect(out).not.toContain("\u001b[");
      const story = [
        String.raw`✓ emulator up at http://127\.0\.0\.1:\d+`,
        "✓ platform task-platform-compliant provisioned",
        String.raw`✓ task-api:(\d+) deployed: task-api runs it; the local service answers at http://127\.0\.0\.1:\d+`,
        String.raw`✓ deployment gate loaded: the Lambda handler deployment-gate\.ts`,
        String.raw`✓ task-api:\d+ passes the smoke test: the gate knows a good revision`,
        String.raw`→ RegisterTaskDefinition task-api:\d+ \(FAULT_MODE=none\), UpdateService task-api → task-api:\d+`,
        String.raw`✓ task-api:\d+ passes the smoke test`,
        String.raw`→ RegisterTaskDefinition task-api:\d+ \(FAULT_MODE=never-complete\)`,
        String.raw`  DescribeServices before the gate: task-api runs task-api:\d+, FAULT_MODE=never-complete`,
        "· gate: smoke test FAIL: task [0-9a-f-]{36} did not complete within 8 s",
        String.raw`· gate: rollback requested: UpdateService → task-api:\d+`,
        "✓ outcome event read back from the queue",
        String.raw`  DescribeServices after the gate: task-api runs task-api:\d+, FAULT_MODE=none`,
        String.raw`✓ task-api:\d+ failed and was rolled back to task-api:\d+`,
        String.raw`✓ the rollback's own completion is smoke-tested \(PASS\) and never rolled back`,
        String.raw`✓ duplicate ignored \(idempotent on deploymentId \+ eventName\): no smoke run \(still 4\), no second rollback, no outcome event`,
        String.raw`✓ checklist evaluated: \d+ passed, \d+ failed, \d+ unknown of ${CHECKLIST.length} items`,
        "✓ stopped everything the demo started",
      ];
      let from = 0;
      for (const step of story) {
        const match = new RegExp(`^${OFFSET}${step}`, "m").exec(out.slice(from));
        expect(match, `timeline line /${step}/ (in order)`).not.toBeNull();
        from += (match?.index ?? 0) + (match?.[0].length ?? 0);
      }
      // One numbering, ECS's own: the baseline is task-api:N, the good deployment N+1, the broken
      // one N+2, rolled back to N+1; no "revision 1" of the demo's own beside it.
      const baseline = Number(/✓ task-api:(\d+) deployed/.exec(out)?.[1]);
      expect(out).toContain(`RegisterTaskDefinition task-api:${baseline + 1} (FAULT_MODE=none)`);
      expect(out).toContain(`RegisterTaskDefinition task-api:${baseline + 2} (FAULT_MODE=never-complete)`);
      expect(out).toContain(`✓ task-api:${baseline + 2} failed and was rolled back to task-api:${baseline + 1}`);
      expect(out).not.toMatch(/revision \d/);
      // The live checklist: the services run tasks (the scheduler stand-in) and the gate's recorded
      // runs decide the evidence items; mtls is undecided because moto drops listener mutual TLS.
      for (const ticked of [
        "Post-deploy smoke test: submit a task, wait for completion, verify",
        "Idempotency: all write operations are safe to retry",
        "ECS service multi-AZ: tasks spread across AZ-A and AZ-B",
        "DLQ exists for all SQS queues; DLQ processor deployed",
      ])
        expect(out).toContain(`✓ ${ticked}`);
      // moto drops the listener's mutual TLS: the live check reads it as unread (?), not as off (✗).
      expect(out).toMatch(/\n\s+\? mTLS between gRPC clients and API service {2}\[mtls\]\n/);
      // The outcome event as EventBridge delivered it to the queue.
      const event = JSON.parse(/outcome event read back[^\n]*\n((?: {11}.*\n)+)/.exec(out)?.[1] ?? "{}");
      expect(event).toMatchObject({
        source: "readiness",
        "detail-type": "Readiness Gate Outcome",
        detail: { verdict: "FAIL", rolledBack: true, eventName: "SERVICE_DEPLOYMENT_COMPLETED" },
      });
      expect(event.detail.rollbackTo).toMatch(/:task-definition\/task-api:\d+$/);
      expect(event.detail.reason).toMatch(/did not complete within 8 s$/);
      expect(out).toContain("The story played as expected.");
      // The checklist is the live check's table, and the broken revision is not what it judges.
      expect(out).toMatch(/readiness: live http:\/\/127\.0\.0\.1:\d+/);
      await expectNothingLeft(startedBy(out));
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    "Ctrl-C in the middle of the broken deployment's smoke test stops everything (exit 130)",
    async () => {
      let interrupted = false;
      const result = await spawnDemo(["--quick"], (stdout, child) => {
        if (!interrupted && /A broken deployment[\s\S]*gate: smoke test of /.test(stdout)) {
          interrupted = true;
          child.kill("SIGINT");
        }
      });
      expect(interrupted, result.stdout + result.stderr).toBe(true);
      expect(result.code).toBe(130);
      expect(result.stdout).toMatch(new RegExp(`^${OFFSET}✗ interrupted: stopping what the demo started$`, "m"));
      expect(result.stdout).toMatch(new RegExp(`^${OFFSET}✓ stopped everything the demo started$`, "m"));
      expect(result.stdout).not.toContain("The story played as expected.");
      await expectNothingLeft(startedBy(result.stdout));
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    "--keep keeps the emulator and the service up, says how to stop them, and stops them on SIGTERM (exit 0)",
    async () => {
      let kept: { emulator: boolean; api: boolean } | undefined;
      const result = await spawnDemo(["--quick", "--keep"], (stdout, child) => {
        if (kept || !stdout.includes("to stop them: press Ctrl-C")) return;
        kept = { emulator: false, api: false };
        const { ports } = startedBy(stdout);
        void Promise.all([portOpen(ports[0]), portOpen(ports[1])]).then(([emulator, api]) => {
          kept = { emulator, api };
          child.kill("SIGTERM");
        });
      });
      expect(kept, result.stdout + result.stderr).toEqual({ emulator: true, api: true });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/emulator +http:\/\/127\.0\.0\.1:\d+ +\(export AWS_ENDPOINT_URL=/);
      expect(result.stdout).toMatch(/task API +http:\/\/127\.0\.0\.1:\d+/);
      expect(result.stdout).toMatch(/processes +\d+, \d+, \d+ \(API, worker, DLQ processor\)/);
      await expectNothingLeft(startedBy(result.stdout));
    },
    DEMO_TIMEOUT_MS,
  );

  it("--help tells the story, the flags and the exit codes", async () => {
    const result = await readiness(["demo", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: readiness demo \[options\]/);
    expect(result.stdout).toContain("--keep");
    expect(result.stdout).toContain("--verbose");
    expect(result.stdout).toContain("--quick");
    expect(result.stdout).toContain("--report <file>");
    expect(result.stdout).toMatch(/Examples:\n {2}\$ readiness demo\n/);
    expect(result.stdout).toContain("Exit codes: 0 the story played as expected, 1 it did not");
  });

  it("without Python's moto the demo fails with the reason and the fix (exit 1)", async () => {
    const result = await readiness(["demo"], { env: { PATH: "/nonexistent" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /✗ the story did not play as expected: EmulatorUnavailableError: 'python3' was not found/,
    );
    expect(result.stderr).toContain("error: the demo did not play as expected:");
    expect(result.stderr).toContain("fix: install Python 3, then pip install 'moto[server]'");
  });
});
