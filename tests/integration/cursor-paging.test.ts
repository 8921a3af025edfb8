import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { consultations } from "@/db/schema/participation";
import { callerFor, makeAssessment, makeCity, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Lists paged through the shared cursor module keep every row exactly once even when many rows
 * share one timestamp to the microsecond (ties are broken by id, compared in the database).
 */

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function pageAll<T extends { id: string }>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page: { items: T[]; nextCursor: string | null } = await fetchPage(cursor);
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

describe("keyset pages over identical timestamps", () => {
  it("workflow.assessments (time + id cursor) returns each assessment once", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) {
      const city = await makeCity(h.db);
      // Cast kept: the factory takes a Date, and a Date cannot hold microseconds; drizzle writes the SQL as given.
      const assessment = await makeAssessment(h.db, {
        cityId: city.id,
        updatedAt: sql`timestamptz '2031-01-01 00:00:00.123456+00'` as unknown as Date,
      });
      ids.push(assessment.id);
    }
    const seen = await pageAll((cursor) => callerFor(h.db, admin.id).workflow.assessments({ limit: 4, cursor }));
    const ours = seen.filter((id) => ids.includes(id));
    expect(ours).toHaveLength(13);
    expect(new Set(ours).size).toBe(13);
  });

  it("consultations.listOpen (id cursor read in the database) returns each consultation once", async () => {
    const city = await makeCity(h.db);
    const author = await makeUser(h.db);
    const assessment = await makeAssessment(h.db, { cityId: city.id });
    const rows = await h.db
      .insert(consultations)
      .values(
        Array.from({ length: 11 }, (_, i) => ({
          cityId: city.id,
          assessmentId: assessment.id,
          question: `Question number ${i} for the paging test?`,
          summary: "A summary long enough for the consultation list.",
          characteristicKeys: ["funding" as const],
          closesAt: sql`timestamptz '2031-06-30 23:59:59.999999+00'`,
          createdBy: author.id,
        })),
      )
      .returning({ id: consultations.id });
    const seen = await pageAll((cursor) => callerFor(h.db, null).consultations.listOpen({ cityId: city.id, limit: 3, cursor }));
    expect(seen.sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
