import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { getBenchmark } from "@/server/public/public-benchmark";
import { ILLUSTRATIVE_NOTE } from "@/server/public/public-schemas";
import { listPublishedAssessments } from "@/server/public/published-assessments";
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
    // Legal & regulatory has no maturity criteria: never scored, all not assessed.
    for (const group of benchmark.groups) {
      const legal = group.rows.find((r) => r.characteristicKey === "legal_regulatory_policies")!;
      expect(legal.rateable).toBe(false);
      expect(legal.counts.not_assessed).toBe(group.cityCount);
    }
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
