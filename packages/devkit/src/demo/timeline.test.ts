import { describe, expect, it } from "vitest";
import { Timeline } from "./timeline";

const recorder = (color: boolean) => {
  let text = "";
  let clock = 1_000;
  const timeline = new Timeline({ write: (t) => (text += t), color, now: () => clock });
  return { timeline, advance: (ms: number) => (clock += ms), text: () => text };
};

describe("the demo's timeline", () => {
  it("prints one line per step with its offset from the start and a mark per kind", () => {
    const { timeline, advance, text } = recorder(false);
    timeline.line("ok", "emulator up");
    advance(12_345);
    timeline.line("fail", "revision 3 failed");
    timeline.line("gate", "gate: smoke test started");
    expect(text()).toBe("  +0.0s  ✓ emulator up\n +12.3s  ✗ revision 3 failed\n +12.3s  · gate: smoke test started\n");
  });

  it("colours lines only when asked (a terminal), and indents blocks under the text column", () => {
    const { timeline, text } = recorder(true);
    timeline.line("ok", "done");
    timeline.block('{\n  "a": 1\n}\n');
    expect(text()).toBe('  +0.0s  \u001b[32m✓ done\u001b[0m\n           {\n             "a": 1\n           }\n');
  });

  it("a slow step says it started and returns what the work returned", async () => {
    const { timeline, text } = recorder(false);
    expect(await timeline.slow("provisioning", async () => 42)).toBe(42);
    expect(text()).toBe("  +0.0s  … provisioning\n");
  });
});
