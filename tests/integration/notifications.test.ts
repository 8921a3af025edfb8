import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { notifications } from "@/db/schema/notifications";
import { submitEvidence } from "@/server/evidence/evidence-submissions";
import { notifyEvidenceReviewed } from "@/server/notifications/assessment-notifications";
import { notifyUsers } from "@/server/notifications/notifications";
import { reviewEvidence } from "@/server/review/evidence-review";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { CAST_IDENTITIES, callerFor, castUserId, makeAssessment, makeCity, makeCityCast, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function notify(userIds: string[], cityId: string, cycle: string) {
  await notifyUsers(h.db, userIds, { cityId, kind: "assessment_published", params: { cityName: "X", cycle }, href: "/cities/x" });
}

describe("notifications authorization", () => {
  for (const who of CAST_IDENTITIES) {
    it(`${who === "anonymous" ? "refuses" : "serves"} ${who} their own notifications`, async () => {
      const cast = await makeCityCast(h.db);
      const userId = castUserId(cast, who);
      if (userId) await notify([userId], cast.city.id, "2025");
      const c = callerFor(h.db, userId);
      if (who === "anonymous") {
        await expectTrpcError(c.notifications.list({}), "UNAUTHORIZED");
        await expectTrpcError(c.notifications.unreadCount(), "UNAUTHORIZED");
        await expectTrpcError(c.notifications.markAllRead(), "UNAUTHORIZED");
        await expectTrpcError(c.notifications.markRead({ ids: [crypto.randomUUID()] }), "UNAUTHORIZED");
        return;
      }
      const page = await c.notifications.list({});
      expect(page.items).toHaveLength(1);
      expect(await c.notifications.unreadCount()).toBe(1);
      expect(await c.notifications.markRead({ ids: [page.items[0].id] })).toBe(1);
      expect(await c.notifications.unreadCount()).toBe(0);
    });
  }

  it("never shows or marks another user's notifications", async () => {
    const city = await makeCity(h.db);
    const [alice, bob] = await Promise.all([makeUser(h.db), makeUser(h.db)]);
    await notify([alice.id], city.id, "2025");
    const [aliceRow] = await h.db.select().from(notifications).where(eq(notifications.userId, alice.id));
    expect((await callerFor(h.db, bob.id).notifications.list({})).items).toEqual([]);
    expect(await callerFor(h.db, bob.id).notifications.markRead({ ids: [aliceRow.id] })).toBe(0);
    expect(await callerFor(h.db, alice.id).notifications.unreadCount()).toBe(1);
  });
});

describe("the notification list", () => {
  it("pages newest first without gaps or repeats, and filters unread", async () => {
    const city = await makeCity(h.db);
    const user = await makeUser(h.db);
    // Times a microsecond apart, so "newest first" has one right answer without waiting for the clock.
    await h.db.insert(notifications).values(
      Array.from({ length: 7 }, (_, i) => ({
        userId: user.id,
        cityId: city.id,
        kind: "assessment_published" as const,
        params: { cityName: "X", cycle: `c${i}` },
        href: "/cities/x",
        createdAt: sql`timestamptz '2026-03-01 10:00:00.000100+00' + ${`${i} microseconds`}::interval`,
      })),
    );
    const c = callerFor(h.db, user.id);
    const cycles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof c.notifications.list>> = await c.notifications.list({ limit: 3, cursor });
      cycles.push(...page.items.map((n) => n.params.cycle ?? ""));
      cursor = page.nextCursor;
    } while (cursor);
    expect(cycles).toEqual(["c6", "c5", "c4", "c3", "c2", "c1", "c0"]);

    const first = await c.notifications.list({ limit: 2 });
    await c.notifications.markRead({ ids: first.items.map((n) => n.id) });
    const unread = await c.notifications.list({ unreadOnly: true, limit: 100 });
    expect(unread.items.map((n) => n.params.cycle)).toEqual(["c4", "c3", "c2", "c1", "c0"]);
    expect(await c.notifications.unreadCount()).toBe(5);
    expect(await c.notifications.markAllRead()).toBe(5);
    expect(await c.notifications.unreadCount()).toBe(0);
  });

  it("pages through many notifications written in the same microsecond without skipping or repeating any", async () => {
    const city = await makeCity(h.db);
    const user = await makeUser(h.db);
    // One instant with sub-millisecond digits: a cursor cut to milliseconds would lose every row after the first page.
    const rows = Array.from({ length: 23 }, (_, i) => ({
      userId: user.id,
      cityId: city.id,
      kind: "assessment_published" as const,
      params: { cityName: "X", cycle: `same-${i}` },
      href: "/cities/x",
      createdAt: sql`timestamptz '2026-03-02 10:00:00.123456+00'`,
    }));
    await h.db.insert(notifications).values(rows);
    const c = callerFor(h.db, user.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof c.notifications.list>> = await c.notifications.list({ limit: 4, cursor });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(pages).toBe(6);
    // Ties are ordered by id, newest (largest) first.
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it("refuses a forged cursor with a 400, not a database error", async () => {
    const user = await makeUser(h.db);
    const c = callerFor(h.db, user.id);
    const forged = Buffer.from(`-271821-04-20T00:00:00.000Z|${crypto.randomUUID()}`).toString("base64url");
    await expectTrpcError(c.notifications.list({ cursor: forged }), "BAD_REQUEST");
  });

  it("tells each recipient once and never the actor", async () => {
    const city = await makeCity(h.db);
    const [actor, other] = await Promise.all([makeUser(h.db), makeUser(h.db)]);
    const told = await notifyUsers(
      h.db,
      [actor.id, other.id, other.id],
      { cityId: city.id, kind: "assessment_rated", params: {}, href: null },
      { exceptUserId: actor.id },
    );
    expect(told).toBe(1);
    expect(await h.db.select().from(notifications).where(eq(notifications.userId, actor.id))).toEqual([]);
  });

  it("tells an evidence author of the review decision with the note", async () => {
    const cast = await makeCityCast(h.db);
    await notifyEvidenceReviewed(h.db, {
      cityId: cast.city.id,
      authorId: cast.users.department.id,
      reviewerId: cast.users.expert.id,
      decision: "changes_requested",
      evidenceTitle: "Funding plan 2025",
      note: "Add the budget table",
    });
    const [row] = await h.db.select().from(notifications).where(eq(notifications.userId, cast.users.department.id));
    expect(row).toMatchObject({ kind: "evidence_changes_requested", href: "/workspace" });
    expect(row.params).toMatchObject({ evidenceTitle: "Funding plan 2025", reason: "Add the budget table" });
  });

  it("tells the contributor when an expert reviews their evidence or asks for changes", async () => {
    const cast = await makeCityCast(h.db);
    const assessment = await makeAssessment(h.db, { cityId: cast.city.id });
    const item = await submitEvidence(h.db, { userId: cast.users.department.id, role: "department" }, assessment, {
      ...SAMPLE_CONTENT.link,
      characteristicKey: "funding",
    });
    await reviewEvidence(h.db, { userId: cast.users.expert.id, role: "expert" }, assessment, item, {
      revision: 1,
      decision: "changes_requested",
      note: "Link the 2025 budget instead",
    });
    const page = await callerFor(h.db, cast.users.department.id).notifications.list({});
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: "evidence_changes_requested",
      params: { evidenceTitle: "Open data portal", reason: "Link the 2025 budget instead" },
    });
    expect((await callerFor(h.db, cast.users.expert.id).notifications.list({})).items).toEqual([]);
  });

  it("rejects a malformed cursor and an empty mark-read with BAD_REQUEST", async () => {
    const user = await makeUser(h.db);
    await expectTrpcError(callerFor(h.db, user.id).notifications.list({ cursor: "nonsense" }), "BAD_REQUEST");
    await expectTrpcError(callerFor(h.db, user.id).notifications.markRead({ ids: [] }), "BAD_REQUEST");
  });
});
