import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildIndicatorBenchmark,
  distributionOf,
  isPerCapitaEligible,
  PER_CAPITA_BASE,
  perCapita,
  percentileRank,
  quantile,
} from "@/server/kpis/kpi-benchmark";

const entry = (cityId: string, value: number, population: number | null = null) => ({
  city: { slug: cityId },
  cityId,
  value,
  measuredOn: "2025-12-31",
  population,
});

describe("quantile and distributionOf", () => {
  it("interpolates between the closest ranks (R type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5);
    expect(quantile([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it("summarises unsorted values with min, quartiles, median and max, ignoring non-finite ones", () => {
    expect(distributionOf([9, 1, 5, 3, 7, Number.NaN])).toEqual({ count: 5, min: 1, q1: 3, median: 5, q3: 7, max: 9 });
    expect(distributionOf([])).toBeNull();
  });

  it("keeps min ≤ q1 ≤ median ≤ q3 ≤ max for any values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const d = distributionOf(values)!;
        expect(d.min).toBeLessThanOrEqual(d.q1);
        expect(d.q1).toBeLessThanOrEqual(d.median);
        expect(d.median).toBeLessThanOrEqual(d.q3);
        expect(d.q3).toBeLessThanOrEqual(d.max);
        expect(d.count).toBe(values.length);
      }),
    );
  });
});

describe("percentileRank", () => {
  it("counts the values below plus half of the ties", () => {
    expect(percentileRank([10, 20, 30, 40], 10)).toBe(12.5);
    expect(percentileRank([10, 20, 30, 40], 40)).toBe(87.5);
    expect(percentileRank([10, 20, 20, 40], 20)).toBe(50);
    expect(percentileRank([5], 5)).toBe(50);
    expect(percentileRank([], 5)).toBeNull();
  });

  it("is between 0 and 100 and grows with the value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const ranks = sorted.map((v) => percentileRank(values, v)!);
        for (const r of ranks) expect(r).toBeGreaterThan(0);
        for (const r of ranks) expect(r).toBeLessThan(100);
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1]);
      }),
    );
  });
});

describe("perCapita", () => {
  it("is per 100,000 residents and null without a (positive) population", () => {
    expect(PER_CAPITA_BASE).toBe(100_000);
    expect(perCapita(250, 500_000)).toBe(50);
    expect(perCapita(250, null)).toBeNull();
    expect(perCapita(250, undefined)).toBeNull();
    expect(perCapita(250, 0)).toBeNull();
  });

  it("applies only to counts", () => {
    expect(isPerCapitaEligible("count")).toBe(true);
    expect(isPerCapitaEligible("percentage")).toBe(false);
    expect(isPerCapitaEligible("energy")).toBe(false);
  });
});

describe("buildIndicatorBenchmark", () => {
  it("sorts the cities by value with their percentile, and for counts normalises per capita where the population is known", () => {
    const result = buildIndicatorBenchmark([entry("c", 300, 1_000_000), entry("a", 100, 200_000), entry("b", 200, null)], "count");
    expect(result.rows.map((r) => r.cityId)).toEqual(["a", "b", "c"]);
    for (const [i, expected] of [50 / 3, 50, (2.5 / 3) * 100].entries()) expect(result.rows[i].percentile).toBeCloseTo(expected, 9);
    expect(result.rows.map((r) => r.perCapitaValue)).toEqual([50, null, 30]);
    expect(result.rows.map((r) => r.populationMissing)).toEqual([false, true, false]);
    expect(result.distribution).toMatchObject({ count: 3, median: 200, min: 100, max: 300 });
    expect(result.perCapita).toEqual({
      base: 100_000,
      excludedForMissingPopulation: 1,
      distribution: { count: 2, min: 30, q1: 35, median: 40, q3: 45, max: 50 },
    });
  });

  it("has no per-capita view for an indicator that is not a count, and flags no missing population", () => {
    const result = buildIndicatorBenchmark([entry("a", 40, null), entry("b", 60, 100)], "percentage");
    expect(result.perCapita).toBeNull();
    expect(result.rows.every((r) => r.perCapitaValue === null && !r.populationMissing)).toBe(true);
  });

  it("is empty without entries", () => {
    expect(buildIndicatorBenchmark([], "count")).toEqual({
      rows: [],
      distribution: null,
      perCapita: { base: 100_000, distribution: null, excludedForMissingPopulation: 0 },
    });
  });
});
