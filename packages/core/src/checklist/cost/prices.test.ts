import { describe, expect, it } from "vitest";
import { UsageError } from "../../kernel/errors";
import { PRICE_KEYS, PRICE_TABLE, PRICED_REGIONS, pricesFor } from "./prices";

describe("the bundled price table", () => {
  it("is dated and prices at least us-east-1 and eu-west-1", () => {
    expect(PRICE_TABLE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(PRICE_TABLE.date))).toBe(false);
    expect(PRICED_REGIONS).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
  });

  it.each(PRICED_REGIONS)(
    "%s: every price is positive, says its unit, and names its AWS page and evidence",
    (region) => {
      const prices = pricesFor(region);
      expect(Object.keys(prices).sort()).toEqual([...PRICE_KEYS].sort());
      for (const key of PRICE_KEYS) {
        const price = prices[key];
        expect(price.usd, key).toBeGreaterThan(0);
        expect(price.per, key).not.toBe("");
        expect(price.source, key).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9/-]+\/$/);
        expect(price.evidence.length, key).toBeGreaterThan(10);
      }
      // Graviton is the cheaper architecture everywhere AWS offers it.
      expect(prices["fargate.linuxArm.vcpuHour"].usd).toBeLessThan(prices["fargate.linuxX86.vcpuHour"].usd);
      expect(prices["sqs.fifo.requests"].usd).toBeGreaterThan(prices["sqs.standard.requests"].usd);
    },
  );

  it("an unpriced region is a usage error that names the regions there are", () => {
    expect(() => pricesFor("ap-south-1")).toThrow(UsageError);
    expect(() => pricesFor("ap-south-1")).toThrow(
      `no prices for region ap-south-1: the bundled price table (${PRICE_TABLE.date}) has ${PRICED_REGIONS.join(", ")}`,
    );
  });
});
