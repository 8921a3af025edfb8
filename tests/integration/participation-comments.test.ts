import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { users } from "@/db/schema/identity";
import { comments, consultations } from "@/db/schema/participation";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import {
  type Assessment,
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  makeAssessment,
  makeCastWithAssessment,
  makeCityCast,
  makeConsultation,
  makeEvidence,
  makeUser,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError, type Outcome, outcomeOf } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of ["POST_RATE_LIMIT", "POST_RATE_WINDOW_MINUTES", "COMMENT_EDIT_WINDOW_MINUTES", "RATE_LIMIT_DISABLED"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

describe("who sees and writes which thread", () => {
  let cast: CityCast;
  let draft: Awaited<ReturnType<typeof makeAssessment>>;
  let published: Awaited<ReturnType<typeof makeAssessment>>;
  let acceptedEvidence: Awaited<ReturnType<typeof makeEvidence>>;
  let departmentDraftEvidence: Awaited<ReturnType<typeof makeEvidence>>;

  beforeAll(async () => {
    cast = await makeCityCast(h.db);
    draft = await makeAssessment(h.db, { cityId: cast.city.id, status: "draft" });
    published = await makeAssessment(h.db, { cityId: cast.city.id, status: "published" });
    acceptedEvidence = await makeEvidence(h.db, {
      cityId: cast.city.id,
      assessmentId: draft.id,
      authorId: cast.users.department.id,
      status: "accepted",
    });
    departmentDraftEvidence = await makeEvidence(h.db, {
      cityId: cast.city.id,
      assessmentId: draft.id,
      authorId: cast.users.department.id,
    });
  });

  const internalRead: Record<CastIdentity, Outcome> = {
    anonymous: "UNAUTHORIZED",
    signedIn: "NOT_FOUND",
    outsider: "NOT_FOUND",
    citizen: "FORBIDDEN",
    partner: "ok",
    department: "ok",
    leadership: "ok",
    expert: "ok",
    admin: "ok",
  };

  it.each(CAST_IDENTITIES)(
    "reads an internal thread on accepted evidence as %s only if a contributor, leader, expert or admin",
    async (who) => {
      const outcome = await outcomeOf(
        callerFor(h.db, castUserId(cast, who)).comments.list({
          assessmentId: draft.id,
          targetType: "evidence",
          targetKey: acceptedEvidence.id,
        }),
      );
      expect(outcome).toBe(internalRead[who]);
    },
  );

  it.each(CAST_IDENTITIES)("posts in an internal characteristic thread of a draft as %s with the same audience", async (who) => {
    const outcome = await outcomeOf(
      callerFor(h.db, castUserId(cast, who)).comments.post({
        assessmentId: draft.id,
        targetType: "characteristic",
        targetKey: "funding",
        body: `From ${who}`,
      }),
    );
    expect(outcome).toBe(internalRead[who]);
  });

  it.each(CAST_IDENTITIES)("lets %s read the public thread of a published assessment", async (who) => {
    const page = await callerFor(h.db, castUserId(cast, who)).comments.list({
      assessmentId: published.id,
      targetType: "assessment",
      targetKey: published.id,
    });
    expect(page.thread.visibility).toBe("public");
  });

  it.each(CAST_IDENTITIES)("lets %s post on a published assessment only when signed in", async (who) => {
    const outcome = await outcomeOf(
      callerFor(h.db, castUserId(cast, who)).comments.post({
        assessmentId: published.id,
        targetType: "characteristic",
        targetKey: "governance",
        body: `Public from ${who}`,
      }),
    );
    expect(outcome).toBe(who === "anonymous" ? "UNAUTHORIZED" : "ok");
  });

  it.each(CAST_IDENTITIES)("lets only the author edit or delete an internal comment (caller: %s)", async (who) => {
    process.env.RATE_LIMIT_DISABLED = "1";
    const author = callerFor(h.db, cast.users.department.id);
    const { id } = await author.comments.post({
      assessmentId: draft.id,
      targetType: "evidence",
      targetKey: acceptedEvidence.id,
      body: "Internal remark",
    });
    const expected: Outcome = who === "department" ? "ok" : internalRead[who] === "ok" ? "FORBIDDEN" : internalRead[who];
    const caller = callerFor(h.db, castUserId(cast, who));
    expect(await outcomeOf(caller.comments.edit({ commentId: id, body: "Changed" }))).toBe(expected);
    expect(await outcomeOf(caller.comments.delete({ commentId: id }))).toBe(expected);
  });

  it.each(CAST_IDENTITIES)("lets only the author edit or delete a public comment (caller: %s)", async (who) => {
    process.env.RATE_LIMIT_DISABLED = "1";
    const { id } = await callerFor(h.db, cast.users.citizen.id).comments.post({
      assessmentId: published.id,
      targetType: "assessment",
      targetKey: published.id,
      body: "Public remark",
    });
    const expected: Outcome = who === "citizen" ? "ok" : who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
    const caller = callerFor(h.db, castUserId(cast, who));
    expect(await outcomeOf(caller.comments.edit({ commentId: id, body: "Changed" }))).toBe(expected);
    expect(await outcomeOf(caller.comments.delete({ commentId: id }))).toBe(expected);
  });

  it("keeps a partner out of the thread on another author's evidence that is not yet accepted", async () => {
    const ref = { assessmentId: draft.id, targetType: "evidence" as const, targetKey: departmentDraftEvidence.id };
    await expectTrpcError(callerFor(h.db, cast.users.partner.id).comments.list(ref), "NOT_FOUND");
    await expectTrpcError(callerFor(h.db, cast.users.partner.id).comments.post({ ...ref, body: "Can I see this?" }), "NOT_FOUND");
    const ownEvidence = await makeEvidence(h.db, {
      cityId: cast.city.id,
      assessmentId: draft.id,
      authorId: cast.users.partner.id,
      authorRole: "partner",
    });
    const ownPage = await callerFor(h.db, cast.users.partner.id).comments.list({ ...ref, targetKey: ownEvidence.id });
    expect(ownPage.thread.writeRefusal).toBeNull();
  });

  it("never shows internal comments in the public thread of the same characteristic", async () => {
    const leader = callerFor(h.db, cast.users.leadership.id);
    await leader.comments.post({
      assessmentId: published.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "internal",
      body: "Internal note on funding",
    });
    await leader.comments.post({
      assessmentId: published.id,
      targetType: "characteristic",
      targetKey: "funding",
      body: "Public answer on funding",
    });
    const publicPage = await callerFor(h.db, null).comments.list({
      assessmentId: published.id,
      targetType: "characteristic",
      targetKey: "funding",
    });
    expect(publicPage.comments.map((c) => c.body)).toEqual(["Public answer on funding"]);
    await expectTrpcError(
      callerFor(h.db, cast.users.citizen.id).comments.list({
        assessmentId: published.id,
        targetType: "characteristic",
        targetKey: "funding",
        visibility: "internal",
      }),
      "FORBIDDEN",
    );
  });

  it("has no public thread on a draft until a consultation asks about it, and closes it for writing with the consultation", async () => {
    const ref = { assessmentId: draft.id, targetType: "characteristic" as const, targetKey: "stakeholders", visibility: "public" as const };
    await expectTrpcError(callerFor(h.db, cast.users.citizen.id).comments.list(ref), "NOT_FOUND");
    const consultation = await makeConsultation(h.db, draft, cast.users.leadership.id, { characteristicKeys: ["stakeholders"] });
    const anonymousPage = await callerFor(h.db, null).comments.list(ref);
    expect(anonymousPage.thread.writeRefusal).toBe("sign_in");
    await callerFor(h.db, cast.users.signedIn.id).comments.post({ ...ref, body: "I was never asked about the new bus app." });
    // A characteristic the consultation does not cover stays internal-only.
    await expectTrpcError(callerFor(h.db, cast.users.citizen.id).comments.list({ ...ref, targetKey: "funding" }), "NOT_FOUND");
    await h.db.update(consultations).set({ closedAt: new Date() }).where(eq(consultations.id, consultation.id));
    const after = await callerFor(h.db, cast.users.citizen.id).comments.list(ref);
    expect(after.comments.map((c) => c.body)).toEqual(["I was never asked about the new bus app."]);
    expect(after.thread.writeRefusal).toBe("closed");
    await expectTrpcError(callerFor(h.db, cast.users.citizen.id).comments.post({ ...ref, body: "Too late?" }), "FORBIDDEN");
  });

  it("refuses a public thread on evidence and a characteristic key that does not exist", async () => {
    await expectTrpcError(
      callerFor(h.db, cast.users.leadership.id).comments.list({
        assessmentId: draft.id,
        targetType: "evidence",
        targetKey: acceptedEvidence.id,
        visibility: "public",
      }),
      "BAD_REQUEST",
    );
    const error = await expectTrpcError(
      callerFor(h.db, cast.users.leadership.id).comments.post({
        assessmentId: draft.id,
        targetType: "characteristic",
        targetKey: "happiness",
        body: "x",
      }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("Unknown characteristic.");
  });
});

describe("writing comments", () => {
  let cast: CityCast;
  let published: Assessment;
  const ref = () => ({ assessmentId: published.id, targetType: "assessment" as const, targetKey: published.id });
  beforeAll(async () => {
    ({ cast, assessment: published } = await makeCastWithAssessment(h.db, { status: "published" }));
  });

  it("nests replies three levels deep and refuses a fourth", async () => {
    const citizen = callerFor(h.db, cast.users.citizen.id);
    const root = await citizen.comments.post({ ...ref(), body: "Root" });
    let parentId = root.id;
    for (const body of ["Reply 1", "Reply 2", "Reply 3"]) {
      parentId = (await citizen.comments.post({ ...ref(), parentId, body })).id;
    }
    const error = await expectTrpcError(citizen.comments.post({ ...ref(), parentId, body: "Reply 4" }), "BAD_REQUEST");
    expect(error.message).toMatch(/3 levels/);
    const page = await citizen.comments.list(ref());
    const thread = page.comments.filter((c) => c.rootId === root.id);
    expect(thread.map((c) => [c.body, c.depth])).toEqual([
      ["Root", 0],
      ["Reply 1", 1],
      ["Reply 2", 2],
      ["Reply 3", 3],
    ]);
    expect(thread[3].canReply).toBe(false);
    expect(thread[2].canReply).toBe(true);
  });

  it("rejects an empty or oversized comment with a field message and stores nothing", async () => {
    const citizen = callerFor(h.db, cast.users.citizen.id);
    const empty = await expectTrpcError(citizen.comments.post({ ...ref(), body: "   " }), "BAD_REQUEST");
    expect(empty.message).toContain("Write a comment.");
    const long = await expectTrpcError(citizen.comments.post({ ...ref(), body: "x".repeat(4001) }), "BAD_REQUEST");
    expect(long.message).toContain("at most 4000 characters");
  });

  it("stores markup exactly as typed (rendering, not the server, keeps it inert)", async () => {
    const body = `<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))`;
    const { id } = await callerFor(h.db, cast.users.citizen.id).comments.post({ ...ref(), body });
    const [row] = await h.db.select().from(comments).where(eq(comments.id, id));
    expect(row.body).toBe(body);
  });

  it("lets the author edit within the edit window, marked as edited, and not after it", async () => {
    const author = callerFor(h.db, cast.users.citizen.id);
    const { id } = await author.comments.post({ ...ref(), body: "Frist thought" });
    await author.comments.edit({ commentId: id, body: "First thought" });
    const edited = (await author.comments.list(ref())).comments.find((c) => c.id === id)!;
    expect(edited.body).toBe("First thought");
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(edited.canEdit).toBe(true);

    await h.db
      .update(comments)
      .set({ createdAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(comments.id, id));
    const late = await expectTrpcError(author.comments.edit({ commentId: id, body: "Third thought" }), "FORBIDDEN");
    expect(late.message).toContain("15 minutes");
    expect((await author.comments.list(ref())).comments.find((c) => c.id === id)!.canEdit).toBe(false);
  });

  it("honours COMMENT_EDIT_WINDOW_MINUTES", async () => {
    process.env.COMMENT_EDIT_WINDOW_MINUTES = "30";
    const author = callerFor(h.db, cast.users.citizen.id);
    const { id } = await author.comments.post({ ...ref(), body: "Long window" });
    await h.db
      .update(comments)
      .set({ createdAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(comments.id, id));
    await author.comments.edit({ commentId: id, body: "Long window, edited" });
  });

  it("refuses edits and deletion by anyone but the author", async () => {
    const { id } = await callerFor(h.db, cast.users.citizen.id).comments.post({ ...ref(), body: "Mine" });
    await expectTrpcError(callerFor(h.db, cast.users.leadership.id).comments.edit({ commentId: id, body: "Yours now" }), "FORBIDDEN");
    await expectTrpcError(callerFor(h.db, cast.users.admin.id).comments.delete({ commentId: id }), "FORBIDDEN");
    await expectTrpcError(callerFor(h.db, null).comments.delete({ commentId: id }), "UNAUTHORIZED");
  });

  it("keeps a deleted comment's place and its replies, without its text", async () => {
    const author = callerFor(h.db, cast.users.citizen.id);
    const root = await author.comments.post({ ...ref(), body: "Regrettable words" });
    await callerFor(h.db, cast.users.partner.id).comments.post({ ...ref(), parentId: root.id, body: "A reply that stays" });
    await author.comments.delete({ commentId: root.id });
    const thread = (await callerFor(h.db, null).comments.list(ref())).comments.filter((c) => c.rootId === root.id);
    expect(thread.map((c) => [c.state, c.body])).toEqual([
      ["deleted", null],
      ["visible", "A reply that stays"],
    ]);
    await expectTrpcError(author.comments.edit({ commentId: root.id, body: "Undo" }), "CONFLICT");
    const [event] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, root.id), eq(auditEvents.action, "comment.delete")));
    expect(event.before).toEqual({ body: "Regrettable words" });
  });

  it("writes every post, edit and delete to the assessment's verifiable audit chain", async () => {
    const author = callerFor(h.db, cast.users.department.id);
    const { id } = await author.comments.post({ ...ref(), body: "Audited" });
    await author.comments.edit({ commentId: id, body: "Audited, edited" });
    await author.comments.delete({ commentId: id });
    const actions = (await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.id)).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["comment.post", "comment.edit", "comment.delete"]);
    expect(await verifyAuditChain(h.db, `assessment:${published.id}`)).toMatchObject({ ok: true });
  });
});

describe("rate limit and blocks", () => {
  let cast: CityCast;
  let published: Assessment;
  const ref = () => ({ assessmentId: published.id, targetType: "assessment" as const, targetKey: published.id });
  beforeAll(async () => {
    ({ cast, assessment: published } = await makeCastWithAssessment(h.db, { status: "published" }));
  });

  it("stops a user after POST_RATE_LIMIT posts in the window, comments and feedback together, with a clear message", async () => {
    process.env.POST_RATE_LIMIT = "3";
    process.env.POST_RATE_WINDOW_MINUTES = "10";
    const user = await makeUser(h.db);
    const caller = callerFor(h.db, user.id);
    const draft = await makeAssessment(h.db, { cityId: cast.city.id, status: "draft" });
    const consultation = await makeConsultation(h.db, draft, cast.users.leadership.id);
    await caller.consultations.submitFeedback({ consultationId: consultation.id, characteristicKey: "stakeholders", body: "One" });
    await caller.comments.post({ ...ref(), body: "Two" });
    await caller.comments.post({ ...ref(), body: "Three" });
    const error = await expectTrpcError(caller.comments.post({ ...ref(), body: "Four" }), "TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/You can post 3 times in 10 minutes\. Please wait \d+ minutes? before posting again\./);
    await expectTrpcError(
      caller.consultations.submitFeedback({ consultationId: consultation.id, characteristicKey: "stakeholders", body: "Five" }),
      "TOO_MANY_REQUESTS",
    );
    expect(await h.db.select().from(comments).where(eq(comments.authorId, user.id))).toHaveLength(2);
    // Others are not affected: the limit is per user.
    await callerFor(h.db, cast.users.citizen.id).comments.post({ ...ref(), body: "Someone else" });
  });

  it("frees the user again once old posts leave the window", async () => {
    process.env.POST_RATE_LIMIT = "2";
    const user = await makeUser(h.db);
    const caller = callerFor(h.db, user.id);
    const a = await caller.comments.post({ ...ref(), body: "A" });
    await caller.comments.post({ ...ref(), body: "B" });
    await expectTrpcError(caller.comments.post({ ...ref(), body: "C" }), "TOO_MANY_REQUESTS");
    await h.db
      .update(comments)
      .set({ createdAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(comments.id, a.id));
    await caller.comments.post({ ...ref(), body: "C" });
  });

  it("skips the limit when RATE_LIMIT_DISABLED=1 (end-to-end servers)", async () => {
    process.env.POST_RATE_LIMIT = "1";
    process.env.RATE_LIMIT_DISABLED = "1";
    const caller = callerFor(h.db, (await makeUser(h.db)).id);
    await caller.comments.post({ ...ref(), body: "One" });
    await caller.comments.post({ ...ref(), body: "Two" });
  });

  it("refuses every post by a blocked user and says why", async () => {
    const user = await makeUser(h.db);
    await h.db
      .update(users)
      .set({
        postingBlockedAt: new Date(),
        postingBlockedReason: "Repeated insults after warnings",
        postingBlockedBy: cast.users.expert.id,
      })
      .where(eq(users.id, user.id));
    const caller = callerFor(h.db, user.id);
    const error = await expectTrpcError(caller.comments.post({ ...ref(), body: "Let me speak" }), "FORBIDDEN");
    expect(error.message).toContain("Repeated insults after warnings");
    const page = await caller.comments.list(ref());
    expect(page.thread.postingBlockedReason).toBe("Repeated insults after warnings");
  });
});

describe("pagination", () => {
  it("pages a thread oldest first with no comment skipped or repeated while new ones arrive", async () => {
    const cast = await makeCityCast(h.db);
    const published = await makeAssessment(h.db, { cityId: cast.city.id, status: "published" });
    const ref = { assessmentId: published.id, targetType: "assessment" as const, targetKey: published.id };
    process.env.RATE_LIMIT_DISABLED = "1";
    const posters = [cast.users.citizen, cast.users.partner, cast.users.department].map((u) => callerFor(h.db, u.id));
    const expected: string[] = [];
    for (let i = 0; i < 23; i++) {
      const { id } = await posters[i % 3].comments.post({ ...ref, body: `Root ${i}` });
      expected.push(id);
      if (i % 5 === 0) await posters[(i + 1) % 3].comments.post({ ...ref, parentId: id, body: `Reply to ${i}` });
    }
    const seenRoots: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof callerFor>["comments"]["list"]>> = await callerFor(h.db, null).comments.list({
        ...ref,
        cursor,
        limit: 5,
      });
      pages++;
      // Every reply comes right after its root, on the same page.
      for (const c of page.comments)
        if (c.depth > 0) expect(seenRoots.concat(page.comments.filter((r) => r.depth === 0).map((r) => r.id))).toContain(c.rootId);
      seenRoots.push(...page.comments.filter((c) => c.depth === 0).map((c) => c.id));
      cursor = page.nextCursor;
      if (pages === 2) {
        // New comments arrive while the reader is on page 2: they come after, exactly once.
        for (let j = 0; j < 3; j++) expected.push((await posters[j].comments.post({ ...ref, body: `Late ${j}` })).id);
      }
    } while (cursor);
    expect(seenRoots).toEqual(expected);
    expect(new Set(seenRoots).size).toBe(seenRoots.length);
    expect(pages).toBe(6);
  });

  it("reads a page of a 1,000-comment thread by an index range scan with no sort, so its size does not matter", async () => {
    const cast = await makeCityCast(h.db);
    const big = await makeAssessment(h.db, { cityId: cast.city.id, status: "published" });
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      cityId: cast.city.id,
      assessmentId: big.id,
      targetType: "assessment" as const,
      targetKey: big.id,
      visibility: "public" as const,
      authorId: cast.users.citizen.id,
      body: `Bulk ${i}`,
      createdAt: new Date(Date.now() - (1000 - i) * 1000),
    }));
    const inserted = await h.db.insert(comments).values(rows).returning({ id: comments.id });
    await h.db.execute(sql`update comments set root_id = id where assessment_id = ${big.id}`);
    const page = await callerFor(h.db, null).comments.list({
      assessmentId: big.id,
      targetType: "assessment",
      targetKey: big.id,
      limit: 20,
    });
    expect(page.comments.map((c) => c.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Bulk ${i}`));
    const second = await callerFor(h.db, null).comments.list({
      assessmentId: big.id,
      targetType: "assessment",
      targetKey: big.id,
      limit: 20,
      cursor: page.nextCursor,
    });
    expect(second.comments[0].body).toBe("Bulk 20");

    // The same shape as listThread's page query, first page and with a cursor.
    await h.db.execute(sql`analyze comments`);
    for (const cursorClause of [
      sql``,
      sql`and (created_at, id) > (select c.created_at, c.id from comments c where c.id = ${inserted[500].id})`,
    ]) {
      const result = await h.db.execute(
        sql`explain select id from comments where assessment_id = ${big.id} and target_type = 'assessment' and target_key = ${big.id} and visibility = 'public' and depth = 0 ${cursorClause} order by created_at, id limit 21`,
      );
      const plan = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)
        .map((r) => Object.values(r as object)[0])
        .join("\n");
      expect(plan).toContain("comments_thread_idx");
      expect(plan).not.toMatch(/\bSort\b/);
    }
  });
});
