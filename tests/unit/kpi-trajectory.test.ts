import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedValueAt, isOverdue, kpiStatus, measurementStatus, type TrajectoryInput, yearEnd } from "@/server/kpis/kpi-trajectory";
import type { KpiStatus } from "@/shared/kpi-values";

const RANK: Record<KpiStatus, number> = { off_track: 0, at_risk: 1, no_data: -1, on_track: 2 };

const renewables: TrajectoryInput = {
  direction: "higher_is_better",
  baselineValue: 10,
  baselineYear: 2020,
  targetValue: 30,
  targetYear: 2030,
};

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const kpiArb = fc
  .record({
    direction: fc.constantFrom("higher_is_better" as const, "lower_is_better" as const),
    baselineValue: finite,
    baselineYear: fc.integer({ min: 2000, max: 2030 }),
    targetValue: finite,
    years: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ years, ...k }) => ({ ...k, targetYear: k.baselineYear + years }));
const dateArb = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2060, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

describe("KPI trajectory rule", () => {
  it("expects the baseline at the baseline date, the target at the target date, and halfway in between", () => {
    expect(expectedValueAt(renewables, "2020-12-31")).toBe(10);
    expect(expectedValueAt(renewables, "2030-12-31")).toBe(30);
    expect(expectedValueAt(renewables, "2040-01-01")).toBe(30);
    expect(expectedValueAt(renewables, "2025-12-31")).toBeCloseTo(20, 2);
  });

  it("puts a value on the path on track, 10 % of the distance behind at risk, 20 % behind off track", () => {
    expect(measurementStatus(renewables, { measuredOn: "2025-12-31", value: 20 })).toBe("on_track");
    expect(measurementStatus(renewables, { measuredOn: "2025-12-31", value: 18 })).toBe("at_risk");
    expect(measurementStatus(renewables, { measuredOn: "2025-12-31", value: 16 })).toBe("off_track");
  });

  it("reads a lower-is-better KPI the other way round", () => {
    const pm25 = { direction: "lower_is_better" as const, baselineValue: 50, baselineYear: 2020, targetValue: 30, targetYear: 2030 };
    expect(measurementStatus(pm25, { measuredOn: "2025-12-31", value: 39 })).toBe("on_track");
    expect(measurementStatus(pm25, { measuredOn: "2025-12-31", value: 42 })).toBe("at_risk");
    expect(measurementStatus(pm25, { measuredOn: "2025-12-31", value: 45 })).toBe("off_track");
  });

  it("is no_data until a measurement after the baseline date exists, then follows the latest", () => {
    expect(kpiStatus(renewables, [])).toBe("no_data");
    expect(kpiStatus(renewables, [{ measuredOn: "2020-12-31", value: 0 }])).toBe("no_data");
    expect(
      kpiStatus(renewables, [
        { measuredOn: "2024-12-31", value: 12 },
        { measuredOn: "2022-12-31", value: 14 },
      ]),
    ).toBe("off_track");
  });

  it("property: reaching or beating the target is on track, at any date", () => {
    fc.assert(
      fc.property(kpiArb, dateArb, fc.double({ min: 0, max: 1e6, noNaN: true }), (kpi, date, beyond) => {
        const s = kpi.direction === "higher_is_better" ? 1 : -1;
        expect(measurementStatus(kpi, { measuredOn: date, value: kpi.targetValue + s * beyond })).toBe("on_track");
      }),
    );
  });

  it("property: a better value never gets a worse status (monotonic in the value)", () => {
    fc.assert(
      fc.property(kpiArb, dateArb, finite, finite, (kpi, date, a, b) => {
        const [worse, better] = kpi.direction === "higher_is_better" ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
        const statusWorse = measurementStatus(kpi, { measuredOn: date, value: worse });
        const statusBetter = measurementStatus(kpi, { measuredOn: date, value: better });
        expect(RANK[statusBetter]).toBeGreaterThanOrEqual(RANK[statusWorse]);
      }),
    );
  });

  it("property: for an improving target, the same value later in the plan never gets a better status", () => {
    fc.assert(
      fc.property(kpiArb, dateArb, dateArb, finite, (kpi, d1, d2, value) => {
        const s = kpi.direction === "higher_is_better" ? 1 : -1;
        fc.pre(s * (kpi.targetValue - kpi.baselineValue) >= 0);
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const statusEarly = measurementStatus(kpi, { measuredOn: early, value });
        const statusLate = measurementStatus(kpi, { measuredOn: late, value });
        expect(RANK[statusLate]).toBeLessThanOrEqual(RANK[statusEarly]);
      }),
    );
  });

  it("property: direction symmetry — negating every value and flipping the direction keeps the status", () => {
    fc.assert(
      fc.property(kpiArb, dateArb, finite, (kpi, date, value) => {
        const mirrored = {
          ...kpi,
          direction: kpi.direction === "higher_is_better" ? ("lower_is_better" as const) : ("higher_is_better" as const),
          baselineValue: -kpi.baselineValue,
          targetValue: -kpi.targetValue,
        };
        expect(measurementStatus(mirrored, { measuredOn: date, value: -value })).toBe(measurementStatus(kpi, { measuredOn: date, value }));
      }),
    );
  });

  it("property: a value exactly on the path is on track", () => {
    fc.assert(
      fc.property(kpiArb, dateArb, (kpi, date) => {
        expect(measurementStatus(kpi, { measuredOn: date, value: expectedValueAt(kpi, date) })).toBe("on_track");
      }),
    );
  });

  it("counts a measurement as overdue once the interval since the latest one (or the baseline) has passed", () => {
    const kpi = { ...renewables, frequencyMonths: 12 };
    expect(isOverdue(kpi, null, "2021-12-31")).toBe(false);
    expect(isOverdue(kpi, null, "2022-01-01")).toBe(true);
    expect(isOverdue(kpi, "2023-06-30", "2024-06-30")).toBe(false);
    expect(isOverdue(kpi, "2023-06-30", "2024-07-01")).toBe(true);
    expect(isOverdue({ ...kpi, frequencyMonths: 3 }, "2023-11-30", "2024-03-01")).toBe(true);
    expect(isOverdue(kpi, yearEnd(2030), "2040-01-01")).toBe(false);
  });
});
