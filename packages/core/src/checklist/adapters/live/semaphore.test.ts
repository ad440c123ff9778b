import { describe, expect, it } from "vitest";
import { mapBounded, Semaphore } from "./semaphore";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("Semaphore", () => {
  it("never runs more than its limit at once, and runs everything", async () => {
    const semaphore = new Semaphore(3);
    let active = 0;
    let peak = 0;
    const work = async (): Promise<number> => {
      active++;
      peak = Math.max(peak, active);
      await tick();
      await tick();
      active--;
      return 1;
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => semaphore.run(work)));
    expect(results).toHaveLength(20);
    expect(peak).toBe(3);
  });

  it("frees the slot when the work fails", async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(semaphore.run(async () => "next")).resolves.toBe("next");
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => new Semaphore(0)).toThrow(/positive integer/);
  });
});

describe("mapBounded", () => {
  it("keeps the order of results and at most `limit` items in progress", async () => {
    let active = 0;
    let peak = 0;
    const results = await mapBounded([5, 4, 3, 2, 1], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      for (let i = 0; i < n; i++) await tick();
      active--;
      return n * 10;
    });
    expect(results).toEqual([50, 40, 30, 20, 10]);
    expect(peak).toBe(2);
  });
});
