import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { users } from "@/db/schema/identity";
import { notifications } from "@/db/schema/notifications";
import { comments, feedback, flags } from "@/db/schema/participation";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import {
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  makeAssessment,
  makeCityCast,
  makeConsultation,
  makeMember,
  makeUser,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError, type Outcome, outcomeOf } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
  process.env.RATE_LIMIT_DISABLED = "1";
});
afterAll(() => h.close());
afterEach(() => {
  delete process.env.FLAG_HIDE_THRESHOLD;
});

let cast: CityCast;
let publishedId: string;
const ref = () => ({ assessmentId: publishedId, targetType: "assessment" as const, targetKey: publishedId });
const commentBy = async (userId: string, body = "Some words") => (await callerFor(h.db, userId).comments.post({ ...ref(), body })).id;
const asComment = (id: string) => ({ targetType: "comment" as const, targetId: id });

beforeAll(async () => {
  cast = await makeCityCast(h.db);
  publishedId = (await makeAssessment(h.db, { cityId: cast.city.id, status: "published" })).id;
});

describe("flagging", () => {
  it("takes one flag per user per item, never on one's own words", async () => {
    const id = await commentBy(cast.users.citizen.id);
    await expectTrpcError(callerFor(h.db, cast.users.citizen.id).moderation.flag({ ...asComment(id), reason: "spam" }), "BAD_REQUEST");
    const flagger = callerFor(h.db, cast.users.partner.id);
    expect(await flagger.moderation.flag({ ...asComment(id), reason: "off_topic", note: "About buses, not funding" })).toEqual({
      autoHidden: false,
      flagCount: 1,
    });
    const again = await expectTrpcError(flagger.moderation.flag({ ...asComment(id), reason: "spam" }), "CONFLICT");
    expect(again.message).toBe("You have already flagged this.");
    const page = await flagger.comments.list(ref());
    expect(page.comments.find((c) => c.id === id)).toMatchObject({ flaggedByViewer: true, canFlag: false, state: "visible" });
  });

  it("hides an item pending review at the third flag, for readers but not for moderators, and audits it", async () => {
    const id = await commentBy(cast.users.citizen.id, "You are all idiots");
    const flaggers = await Promise.all([makeUser(h.db), makeUser(h.db), makeUser(h.db)]);
    expect((await callerFor(h.db, flaggers[0].id).moderation.flag({ ...asComment(id), reason: "offensive" })).autoHidden).toBe(false);
    expect((await callerFor(h.db, flaggers[1].id).moderation.flag({ ...asComment(id), reason: "offensive" })).autoHidden).toBe(false);
    expect(await callerFor(h.db, flaggers[2].id).moderation.flag({ ...asComment(id), reason: "spam" })).toEqual({
      autoHidden: true,
      flagCount: 3,
    });
    const publicView = (await callerFor(h.db, null).comments.list(ref())).comments.find((c) => c.id === id)!;
    expect(publicView).toMatchObject({ state: "pending_review", body: null });
    const expertView = (await callerFor(h.db, cast.users.expert.id).comments.list(ref())).comments.find((c) => c.id === id)!;
    expect(expertView).toMatchObject({ state: "pending_review", body: "You are all idiots" });
    const actions = (await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.id)).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["comment.post", "comment.flag", "comment.flag", "comment.flag", "comment.auto_hide"]);
  });

  it("honours FLAG_HIDE_THRESHOLD, for feedback as for comments", async () => {
    process.env.FLAG_HIDE_THRESHOLD = "1";
    const draft = await makeAssessment(h.db, { cityId: (await makeCityCast(h.db)).city.id, status: "draft" });
    const c = await makeConsultation(h.db, draft, cast.users.leadership.id);
    const { id } = await callerFor(h.db, cast.users.citizen.id).consultations.submitFeedback({
      consultationId: c.id,
      characteristicKey: "stakeholders",
      body: "Buy pills here",
    });
    expect(
      (await callerFor(h.db, cast.users.signedIn.id).moderation.flag({ targetType: "feedback", targetId: id, reason: "spam" })).autoHidden,
    ).toBe(true);
    const listed = (await callerFor(h.db, null).consultations.feedback({ consultationId: c.id })).items.find((f) => f.id === id)!;
    expect(listed).toMatchObject({ state: "pending_review", body: null });
  });

  it("lets only those who can read an internal thread flag in it", async () => {
    const draft = await makeAssessment(h.db, { cityId: (await makeCityCast(h.db)).city.id, status: "draft" });
    const dept = await makeMember(h.db, draft.cityId, "department");
    const { id } = await callerFor(h.db, dept.id).comments.post({
      assessmentId: draft.id,
      targetType: "characteristic",
      targetKey: "funding",
      body: "Internal",
    });
    await expectTrpcError(callerFor(h.db, cast.users.citizen.id).moderation.flag({ ...asComment(id), reason: "spam" }), "NOT_FOUND");
    await expectTrpcError(callerFor(h.db, null).moderation.flag({ ...asComment(id), reason: "spam" }), "UNAUTHORIZED");
  });
});

describe("the moderation queue and its actions", () => {
  it("lists flagged items oldest first with their flags, and hides one with a reason shown in place of the text", async () => {
    const first = await commentBy(cast.users.citizen.id, "First offensive remark");
    const second = await commentBy(cast.users.partner.id, "Second remark");
    await callerFor(h.db, cast.users.department.id).moderation.flag({
      ...asComment(first),
      reason: "offensive",
      note: "Insults a neighbour",
    });
    await callerFor(h.db, cast.users.department.id).moderation.flag({ ...asComment(second), reason: "spam" });
    const expert = callerFor(h.db, cast.users.expert.id);
    const queue = await expert.moderation.queue({ view: "pending" });
    const ids = queue.items.map((i) => i.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(queue.items.find((i) => i.id === first)).toMatchObject({
      body: "First offensive remark",
      canAct: true,
      openFlagCount: 1,
      flags: [{ reason: "offensive", note: "Insults a neighbour", resolvedAt: null }],
    });

    await expert.moderation.hide({ items: [asComment(first)], reason: "Personal insult" });
    const shown = (await callerFor(h.db, null).comments.list(ref())).comments.find((c) => c.id === first)!;
    expect(shown).toMatchObject({ state: "hidden", body: null, moderationReason: "Personal insult" });
    const [row] = await h.db.select().from(comments).where(eq(comments.id, first));
    expect(row).toMatchObject({
      body: "First offensive remark",
      moderationState: "hidden",
      moderatedBy: cast.users.expert.id,
      flagCount: 0,
    });
    const [event] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, first), eq(auditEvents.action, "comment.hide")));
    expect(event).toMatchObject({ actorId: cast.users.expert.id, actorRole: "expert", reason: "Personal insult" });
    expect(event.before).toMatchObject({ body: "First offensive remark", moderationState: "ok" });
    expect(await verifyAuditChain(h.db, `assessment:${publishedId}`)).toMatchObject({ ok: true });

    const pending = await expert.moderation.queue({ view: "pending" });
    expect(pending.items.map((i) => i.id)).not.toContain(first);
    const reviewed = await expert.moderation.queue({ view: "reviewed" });
    expect(reviewed.items.find((i) => i.id === first)).toMatchObject({
      moderationState: "hidden",
      moderatedByName: expect.any(String),
      flags: [{ resolution: "hidden" }],
    });
  });

  it("restores an auto-hidden item and dismisses flags on another, in bulk, each audited", async () => {
    process.env.FLAG_HIDE_THRESHOLD = "1";
    const a = await commentBy(cast.users.citizen.id, "Harmless A");
    const b = await commentBy(cast.users.citizen.id, "Harmless B");
    await callerFor(h.db, cast.users.partner.id).moderation.flag({ ...asComment(a), reason: "spam" });
    await callerFor(h.db, cast.users.partner.id).moderation.flag({ ...asComment(b), reason: "spam" });
    const expert = callerFor(h.db, cast.users.expert.id);
    await expert.moderation.restore({ items: [asComment(a)] });
    await expert.moderation.dismiss({ items: [asComment(b)] });
    const rows = await h.db
      .select()
      .from(comments)
      .where(inArray(comments.id, [a, b]));
    expect(rows.map((r) => [r.moderationState, r.flagCount])).toEqual([
      ["ok", 0],
      ["ok", 0],
    ]);
    const flagRows = await h.db
      .select()
      .from(flags)
      .where(inArray(flags.targetId, [a, b]));
    expect(flagRows.map((f) => f.resolution).sort()).toEqual(["dismissed", "restored"]);
    const actions = (
      await h.db
        .select()
        .from(auditEvents)
        .where(inArray(auditEvents.entityId, [a, b]))
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["comment.restore", "comment.dismiss_flags"]));
  });

  it("never lets an expert moderate an admin's or another expert's words; a mixed batch changes nothing", async () => {
    const otherExpert = await makeUser(h.db, { globalRole: "expert" });
    const adminWords = await commentBy(cast.users.admin.id, "Admin announcement");
    const expertWords = await commentBy(otherExpert.id, "Expert view");
    const citizenWords = await commentBy(cast.users.citizen.id, "Citizen view");
    for (const id of [adminWords, expertWords, citizenWords]) {
      await callerFor(h.db, cast.users.leadership.id).moderation.flag({ ...asComment(id), reason: "off_topic" });
    }
    const expert = callerFor(h.db, cast.users.expert.id);
    const queue = await expert.moderation.queue({ view: "pending", limit: 100 });
    expect(queue.items.find((i) => i.id === adminWords)?.canAct).toBe(false);
    expect(queue.items.find((i) => i.id === expertWords)?.canAct).toBe(false);
    expect(queue.items.find((i) => i.id === citizenWords)?.canAct).toBe(true);

    await expectTrpcError(expert.moderation.hide({ items: [asComment(adminWords)], reason: "Off topic" }), "FORBIDDEN");
    await expectTrpcError(expert.moderation.hide({ items: [asComment(expertWords)], reason: "Off topic" }), "FORBIDDEN");
    const mixed = await expectTrpcError(
      expert.moderation.hide({ items: [asComment(citizenWords), asComment(adminWords)], reason: "Off topic" }),
      "FORBIDDEN",
    );
    expect(mixed.message).toMatch(/Nothing was changed/);
    const rows = await h.db
      .select()
      .from(comments)
      .where(inArray(comments.id, [adminWords, expertWords, citizenWords]));
    expect(rows.every((r) => r.moderationState === "ok")).toBe(true);
    // An admin outranks an expert.
    await callerFor(h.db, cast.users.admin.id).moderation.hide({ items: [asComment(expertWords)], reason: "Off topic" });
    await expectTrpcError(callerFor(h.db, cast.users.admin.id).moderation.dismiss({ items: [asComment(adminWords)] }), "FORBIDDEN");
  });

  it("blocks a user with a justification they are told about, then refuses their posts; an admin cannot be blocked by an expert", async () => {
    const troll = await makeMember(h.db, cast.city.id, "citizen");
    const expert = callerFor(h.db, cast.users.expert.id);
    expect(await expert.moderation.block({ userIds: [troll.id], justification: "Repeated insults after two warnings." })).toEqual({
      blocked: 1,
    });
    const [row] = await h.db.select().from(users).where(eq(users.id, troll.id));
    expect(row).toMatchObject({ postingBlockedReason: "Repeated insults after two warnings.", postingBlockedBy: cast.users.expert.id });
    const [note] = await h.db.select().from(notifications).where(eq(notifications.userId, troll.id));
    expect(note).toMatchObject({ kind: "posting_blocked", params: { reason: "Repeated insults after two warnings." } });
    const refused = await expectTrpcError(callerFor(h.db, troll.id).comments.post({ ...ref(), body: "Still here" }), "FORBIDDEN");
    expect(refused.message).toContain("Repeated insults after two warnings.");
    const [event] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, troll.id), eq(auditEvents.action, "user.block_posting")));
    expect(event.reason).toBe("Repeated insults after two warnings.");
    expect((await expert.moderation.blockedUsers({})).items.map((u) => u.id)).toContain(troll.id);

    await expectTrpcError(
      expert.moderation.block({ userIds: [cast.users.admin.id], justification: "Trying to block an admin." }),
      "FORBIDDEN",
    );
    await expectTrpcError(
      expert.moderation.block({
        userIds: [troll.id, (await makeUser(h.db, { globalRole: "expert" })).id],
        justification: "A batch with a peer in it.",
      }),
      "FORBIDDEN",
    );
    const short = await expectTrpcError(expert.moderation.block({ userIds: [troll.id], justification: "Bad" }), "BAD_REQUEST");
    expect(short.message).toContain("the user will read it");

    await expert.moderation.unblock({ userId: troll.id });
    await callerFor(h.db, troll.id).comments.post({ ...ref(), body: "I will behave" });
  });

  it("pages the queue without skipping or repeating items", async () => {
    const flagger = callerFor(h.db, cast.users.department.id);
    for (let i = 0; i < 7; i++)
      await flagger.moderation.flag({ ...asComment(await commentBy(cast.users.citizen.id, `Paged ${i}`)), reason: "spam" });
    const expert = callerFor(h.db, cast.users.expert.id);
    const all = await expert.moderation.queue({ view: "all", limit: 100 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof expert.moderation.queue>> = await expert.moderation.queue({ view: "all", limit: 3, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    await expectTrpcError(expert.moderation.queue({ view: "all", cursor: "not-a-cursor" }), "BAD_REQUEST");
  });

  it("moderates feedback the same way: hidden with a reason, text kept, summary no longer counts it", async () => {
    const draft = await makeAssessment(h.db, { cityId: (await makeCityCast(h.db)).city.id, status: "draft" });
    const c = await makeConsultation(h.db, draft, cast.users.leadership.id);
    const { id } = await callerFor(h.db, cast.users.citizen.id).consultations.submitFeedback({
      consultationId: c.id,
      characteristicKey: "stakeholders",
      body: "Rude words",
      rating: 1,
    });
    await callerFor(h.db, cast.users.partner.id).moderation.flag({ targetType: "feedback", targetId: id, reason: "offensive" });
    await callerFor(h.db, cast.users.admin.id).moderation.hide({
      items: [{ targetType: "feedback", targetId: id }],
      reason: "Offensive language",
    });
    const [row] = await h.db.select().from(feedback).where(eq(feedback.id, id));
    expect(row).toMatchObject({ body: "Rude words", moderationState: "hidden", moderationReason: "Offensive language" });
    const summary = await callerFor(h.db, cast.users.admin.id).consultations.summary({ consultationId: c.id });
    expect(summary.find((s) => s.characteristicKey === "stakeholders")).toMatchObject({ count: 0, hiddenCount: 1 });
  });
});

describe("moderation procedures × roles", () => {
  const moderators: Record<CastIdentity, Outcome> = {
    anonymous: "UNAUTHORIZED",
    signedIn: "FORBIDDEN",
    outsider: "FORBIDDEN",
    citizen: "FORBIDDEN",
    partner: "FORBIDDEN",
    department: "FORBIDDEN",
    leadership: "FORBIDDEN",
    expert: "ok",
    admin: "ok",
  };
  const anyoneSignedIn = Object.fromEntries(CAST_IDENTITIES.map((w) => [w, w === "anonymous" ? "UNAUTHORIZED" : "ok"])) as Record<
    CastIdentity,
    Outcome
  >;
  const expectations: Record<string, Record<CastIdentity, Outcome>> = {
    "moderation.flag": anyoneSignedIn,
    "moderation.queue": moderators,
    "moderation.hide": moderators,
    "moderation.restore": moderators,
    "moderation.dismiss": moderators,
    "moderation.block": moderators,
    "moderation.unblock": moderators,
    "moderation.blockedUsers": moderators,
  };

  async function call(procedure: string, userId: string | null) {
    const caller = callerFor(h.db, userId);
    // A fresh author each time, outranked by both moderator roles.
    const author = await makeUser(h.db);
    const item = asComment(await commentBy(author.id, "Matrix item"));
    switch (procedure) {
      case "moderation.flag":
        return caller.moderation.flag({ ...item, reason: "spam" });
      case "moderation.queue":
        return caller.moderation.queue({});
      case "moderation.hide":
        return caller.moderation.hide({ items: [item], reason: "Matrix" });
      case "moderation.restore":
        return caller.moderation.restore({ items: [item] });
      case "moderation.dismiss":
        return caller.moderation.dismiss({ items: [item] });
      case "moderation.block":
        return caller.moderation.block({ userIds: [author.id], justification: "Matrix justification" });
      case "moderation.unblock":
        await h.db.update(users).set({ postingBlockedAt: new Date(), postingBlockedReason: "Matrix" }).where(eq(users.id, author.id));
        return caller.moderation.unblock({ userId: author.id });
      case "moderation.blockedUsers":
        return caller.moderation.blockedUsers({});
      default:
        throw new Error(procedure);
    }
  }

  for (const [procedure, byIdentity] of Object.entries(expectations)) {
    it.each(CAST_IDENTITIES)(`${procedure} as %s`, async (who) => {
      expect(await outcomeOf(call(procedure, castUserId(cast, who)))).toBe(byIdentity[who]);
    });
  }
});
