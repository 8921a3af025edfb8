import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { benchmarkCsv } from "@/server/public/open-data-csv";
import { getBenchmark } from "@/server/public/public-benchmark";
import { ILLUSTRATIVE_NOTE } from "@/server/public/public-schemas";
import { listPublishedAssessments } from "@/server/public/published-assessments";
import { currentFramework } from "@/server/scoring/framework-registry";
import figure3 from "@/server/seed/data/figure3.json";
import { seedPilotCities } from "@/server/seed/demo";
import { assignReferenceLevels, REFERENCE_CYCLE, seedReferenceAssessments } from "@/server/seed/reference-assessments";
import { FIGURE3_COLUMNS } from "@/shared/domain-values";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedPilotCities(h.db);
});
afterAll(() => h.close());

type Row = {
  characteristic: string;
  region: string;
  counts: Record<string, number>;
  printed: Record<string, number>;
  printed_inconsistent?: boolean;
};

describe("reference dataset (Figure 3 of the 2014 white paper)", () => {
  it("assigns levels deterministically, 15 Chinese and 10 EU cities", () => {
    const first = assignReferenceLevels();
    expect(assignReferenceLevels()).toEqual(first);
    expect(first.filter((c) => c.region === "China")).toHaveLength(15);
    expect(first.filter((c) => c.region === "EU")).toHaveLength(10);
  });

  it("loads 25 published, illustrative 2013 assessments, and nothing more when run again", async () => {
    const report = await seedReferenceAssessments(h.db);
    expect(report).toEqual({ inserted: 25, skipped: 0, missingCities: [], blockedCities: [] });
    const again = await seedReferenceAssessments(h.db);
    expect(again).toEqual({ inserted: 0, skipped: 25, missingCities: [], blockedCities: [] });
    const rows = await h.db.select().from(assessments).where(eq(assessments.cycle, REFERENCE_CYCLE));
    expect(rows).toHaveLength(25);
    for (const row of rows) {
      expect(row.status).toBe("published");
      expect(row.isIllustrative).toBe(true);
      expect(row.publishedAt?.toISOString()).toBe("2014-03-01T00:00:00.000Z");
    }
  });

  it("stores criterion judgements, not levels: the scoring core derives every level", async () => {
    const ids = (await h.db.select({ id: assessments.id }).from(assessments)).map((a) => a.id);
    const [{ n: judged }] = await h.db
      .select({ n: count() })
      .from(criterionJudgements)
      .where(inArray(criterionJudgements.assessmentId, ids));
    expect(judged).toBeGreaterThan(25 * 8);
    // Ratings only record "not assessed" with a reason; no level above not_yet_addressed is typed in.
    const ratings = await h.db.select().from(characteristicRatings).where(inArray(characteristicRatings.assessmentId, ids));
    expect(ratings.every((r) => r.level === "not_assessed" && (r.justification ?? "").length > 0)).toBe(true);
  });

  it("reproduces Figure 3's counts exactly in the live benchmark", async () => {
    const benchmark = await getBenchmark(h.db, { cycle: REFERENCE_CYCLE });
    expect(benchmark.assessmentCount).toBe(25);
    expect(benchmark.illustrativeCount).toBe(25);
    expect(benchmark.note).toBe(ILLUSTRATIVE_NOTE);
    const groups = new Map(benchmark.groups.map((g) => [g.group, g]));
    expect(groups.get("China")!.cityCount).toBe(15);
    expect(groups.get("EU")!.cityCount).toBe(10);
    // Cast kept: the JSON import types keys and regions as plain strings; the dataset test elsewhere checks they are valid.
    for (const row of figure3.rows as unknown as Row[]) {
      const served = groups.get(row.region)!.rows.find((r) => r.characteristicKey === row.characteristic)!;
      const expected = Object.fromEntries(FIGURE3_COLUMNS.map((l) => [l, row.counts[l] ?? 0]));
      expect(served.counts, `${row.region} ${row.characteristic}`).toEqual(expected);
      if (!row.printed_inconsistent) {
        for (const level of FIGURE3_COLUMNS.filter((l) => l !== "not_assessed")) {
          expect(served.shares[level], `${row.region} ${row.characteristic} ${level}`).toBe(row.printed[level] ?? 0);
        }
      }
    }
    // Legal & regulatory has no maturity criteria: never scored, reported as such (not "100 % not assessed").
    for (const group of benchmark.groups) {
      const legal = group.rows.find((r) => r.characteristicKey === "legal_regulatory_policies")!;
      expect(legal.rateable).toBe(false);
      expect(legal.status).toBe("no_maturity_criteria");
      expect(legal.counts.not_assessed).toBe(0);
      expect(legal.shares.not_assessed).toBe(0);
      expect(legal.printed).toBeNull();
    }
  });

  it("lays the regions side by side as Figure 3 does, with a note on exactly the two EU rows the paper printed wrong", async () => {
    const benchmark = await getBenchmark(h.db, { cycle: REFERENCE_CYCLE });
    const table = benchmark.figure3!;
    expect(table.regions).toEqual(["EU", "China"]);
    expect(table.levels).toEqual([...FIGURE3_COLUMNS]);
    expect(table.rows.map((r) => r.characteristicKey)).toEqual(currentFramework().characteristics.map((c) => c.key));
    const noted = table.rows.flatMap((r) =>
      Object.entries(r.regions)
        .filter(([, cell]) => cell.note)
        .map(([region]) => `${region}/${r.characteristicKey}`),
    );
    expect(noted.sort()).toEqual(["EU/smart_city_strategy", "EU/stakeholders"]);
    const strategy = table.rows.find((r) => r.characteristicKey === "smart_city_strategy")!;
    expect(strategy.regions.EU.printed).toEqual({
      shares: { average: 29, more_advanced: 70, state_of_the_art: 10 },
      totalPct: 109,
      consistent: false,
    });
    expect(strategy.regions.EU.note).toContain("109 %");
    expect(strategy.regions.EU.shares).toMatchObject({ average: 20, more_advanced: 70, state_of_the_art: 10 });
    expect(strategy.regions.China).toMatchObject({ cityCount: 15, note: null, printed: { totalPct: 101, consistent: true } });
    const stakeholders = table.rows.find((r) => r.characteristicKey === "stakeholders")!;
    expect(stakeholders.regions.EU.printed?.totalPct).toBe(90);
    expect(stakeholders.regions.EU.note).toContain("90 %");
    const legal = table.rows.find((r) => r.characteristicKey === "legal_regulatory_policies")!;
    expect(legal.status).toBe("no_maturity_criteria");
    expect(legal.regions.EU).toMatchObject({ printed: null, note: null, counts: { not_assessed: 0 } });
  });

  it("carries the status, the printed percentages and the note into the benchmark CSV", () => {
    return getBenchmark(h.db, { cycle: REFERENCE_CYCLE }).then((benchmark) => {
      const lines = benchmarkCsv(benchmark).trim().split("\r\n");
      const header = lines[0].split(",");
      expect(header.slice(-3)).toEqual(["not_assessed_printed_pct", "printed_total_pct", "note"]);
      const euStrategy = lines.find((l) => l.startsWith("EU,smart_city_strategy,"))!;
      expect(euStrategy).toContain(",109,");
      expect(euStrategy).toMatch(
        /"The white paper prints 29 % average, 70 % more advanced, 10 % state of the art for this row, which sums to 109 %;/,
      );
      const legal = lines.find((l) => l.startsWith("China,legal_regulatory_policies,"))!;
      expect(legal).toContain(",no_maturity_criteria,");
      const chinaStrategy = lines.find((l) => l.startsWith("China,smart_city_strategy,"))!;
      expect(chinaStrategy.endsWith(",101,")).toBe(true);
    });
  });

  it("says in the API data that the per-city levels are illustrative", async () => {
    const list = await listPublishedAssessments(h.db, { limit: 100, cycle: REFERENCE_CYCLE });
    expect(list.items).toHaveLength(25);
    for (const item of list.items) {
      expect(item.illustrative).toBe(true);
      expect(item.note).toMatch(/illustrative/);
    }
  });
});
