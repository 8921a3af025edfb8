import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { evidence } from "@/db/schema/evidence";
import { invitations, users } from "@/db/schema/identity";
import { comments, flags } from "@/db/schema/participation";
import { createCaller } from "@/server/api/root-router";
import type {
  AdminHome,
  CitizenHome,
  DepartmentHome,
  ExpertHome,
  LeadershipHome,
  PartnerHome,
  RoleHomeSection,
} from "@/server/dashboard/role-home";
import {
  addMembership,
  callerFor,
  makeAssessment,
  makeCity,
  makeConsultation,
  makeEvidence,
  makeMember,
  makeUser,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const DAY = 86_400_000;
const home = (userId: string | null) => callerFor(h.db, userId).dashboard.home();
function sectionsOf<T extends RoleHomeSection>(sections: RoleHomeSection[], role: T["role"]): T[] {
  return sections.filter((s) => s.role === role) as T[];
}

describe("dashboard.home", () => {
  it("asks an anonymous caller to sign in", async () => {
    await expectTrpcError(home(null), "UNAUTHORIZED");
  });

  it("names the viewer's cities in their language", async () => {
    const barcelona = await makeCity(h.db, { name: "Barcelona", slug: "barcelona", country: "Spain" });
    const citizen = await makeMember(h.db, barcelona.id, "citizen");
    const zh = await createCaller({ db: h.db, userId: citizen.id, clientIp: "127.0.0.1", locale: "zh" }).dashboard.home();
    expect(zh.sections[0]).toMatchObject({ role: "citizen", city: { name: "Barcelona", localizedName: "巴塞罗那" } });
    expect((await home(citizen.id)).sections[0]).toMatchObject({ city: { localizedName: "Barcelona" } });
  });

  it("gives a signed-in user without roles no sections", async () => {
    const user = await makeUser(h.db);
    const result = await home(user.id);
    expect(result.viewer).toMatchObject({ id: user.id, globalRole: null });
    expect(result.sections).toEqual([]);
  });

  it("shows an expert the evidence waiting per city, the city with the oldest item first, and its age", async () => {
    const expert = await makeUser(h.db, { globalRole: "expert" });
    const older = await makeCity(h.db);
    const newer = await makeCity(h.db);
    const author = await makeUser(h.db);
    const olderA = await makeAssessment(h.db, { cityId: older.id, status: "in_review" });
    const newerA = await makeAssessment(h.db, { cityId: newer.id });
    const e1 = await makeEvidence(h.db, { cityId: older.id, assessmentId: olderA.id, authorId: author.id });
    await makeEvidence(h.db, { cityId: older.id, assessmentId: olderA.id, authorId: author.id });
    await makeEvidence(h.db, { cityId: newer.id, assessmentId: newerA.id, authorId: author.id });
    // Reviewed items and items of a published assessment do not wait.
    await makeEvidence(h.db, { cityId: newer.id, assessmentId: newerA.id, authorId: author.id, status: "accepted" });
    const publishedCity = await makeCity(h.db);
    await makeAssessment(h.db, { cityId: publishedCity.id, status: "published", evidence: { submitted: 1 }, authorId: author.id });
    await h.db
      .update(evidence)
      .set({ submittedAt: new Date(Date.now() - 40 * DAY) })
      .where(eq(evidence.id, e1.id));

    const [section] = sectionsOf<ExpertHome>((await home(expert.id)).sections, "expert");
    expect(section.href).toBe("/review");
    const mine = section.waiting.filter((w) => [older.id, newer.id, publishedCity.id].includes(w.city.id));
    expect(mine.map((w) => [w.city.id, w.count])).toEqual([
      [older.id, 2],
      [newer.id, 1],
    ]);
    expect(mine[0].oldestAgeDays).toBe(40);
    expect(mine[0].href).toBe(`/review?city=${older.slug}`);
    // Oldest first across every city.
    const oldest = section.waiting.map((w) => w.oldestSubmittedAt.getTime());
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    expect(section.totalWaiting).toBe(section.waiting.reduce((s, w) => s + w.count, 0));
  });

  it("shows leadership what waits on the group: an approval of theirs, a returned draft, consultations closing soon", async () => {
    const rated = await makeCity(h.db);
    const returned = await makeCity(h.db);
    const leader = await makeMember(h.db, rated.id, "leadership");
    await addMembership(h.db, returned.id, leader.id, "leadership");
    const ratedA = await makeAssessment(h.db, { cityId: rated.id, status: "rated" });
    const returnedA = await makeAssessment(h.db, { cityId: returned.id });
    await h.db.execute(`update assessments set approval_round = 3 where id = '${returnedA.id}'`);
    await makeConsultation(h.db, ratedA, leader.id, { closesAt: new Date(Date.now() + 2 * DAY) });
    await makeConsultation(h.db, ratedA, leader.id, { closesAt: new Date(Date.now() + 5 * DAY) });
    await makeConsultation(h.db, ratedA, leader.id, { closesAt: new Date(Date.now() + 30 * DAY) });
    await makeConsultation(h.db, ratedA, leader.id, { closesAt: new Date(Date.now() - DAY) });

    const sections = sectionsOf<LeadershipHome>((await home(leader.id)).sections, "leadership");
    const byCity = new Map(sections.map((s) => [s.city.id, s]));
    expect(byCity.get(rated.id)).toMatchObject({
      awaitingMyApproval: 1,
      awaitingPublication: 0,
      returned: 0,
      consultationsClosingSoon: 2,
      assessment: { id: ratedA.id, status: "rated" },
      href: `/leadership?city=${rated.slug}`,
    });
    expect(byCity.get(rated.id)!.nextClosingAt!.getTime()).toBeLessThan(Date.now() + 3 * DAY);
    expect(byCity.get(returned.id)).toMatchObject({ awaitingMyApproval: 0, returned: 1, consultationsClosingSoon: 0, nextClosingAt: null });

    // Once they approved, nothing waits on them for that assessment.
    await callerFor(h.db, leader.id).workflow.approve({ assessmentId: ratedA.id, expectedStatus: "rated" });
    const after = sectionsOf<LeadershipHome>((await home(leader.id)).sections, "leadership").find((s) => s.city.id === rated.id)!;
    expect(after.awaitingMyApproval).toBe(0);
    expect(after.awaitingPublication).toBe(1);
  });

  it("shows a department member the changes requested of them and their items waiting for review", async () => {
    const city = await makeCity(h.db);
    const member = await makeMember(h.db, city.id, "department");
    const colleague = await makeMember(h.db, city.id, "department");
    const a = await makeAssessment(h.db, { cityId: city.id });
    await makeEvidence(h.db, { cityId: city.id, assessmentId: a.id, authorId: member.id, status: "changes_requested" });
    await makeEvidence(h.db, { cityId: city.id, assessmentId: a.id, authorId: member.id, status: "changes_requested" });
    await makeEvidence(h.db, { cityId: city.id, assessmentId: a.id, authorId: member.id });
    await makeEvidence(h.db, { cityId: city.id, assessmentId: a.id, authorId: member.id, status: "accepted" });
    await makeEvidence(h.db, { cityId: city.id, assessmentId: a.id, authorId: colleague.id, status: "changes_requested" });

    const [section] = sectionsOf<DepartmentHome>((await home(member.id)).sections, "department");
    expect(section).toMatchObject({ city: { id: city.id }, changesRequested: 2, awaitingReview: 1, href: `/workspace?city=${city.slug}` });
    expect(section.oldestChangeRequestAt).toBeInstanceOf(Date);
    expect(section.links.changesRequested).toBe(`/workspace?city=${city.slug}&status=changes_requested`);

    const [empty] = sectionsOf<DepartmentHome>((await home((await makeMember(h.db, city.id, "department")).id)).sections, "department");
    expect(empty).toMatchObject({ changesRequested: 0, awaitingReview: 0, oldestChangeRequestAt: null });
  });

  it("shows a partner their PPP and funding evidence by review status", async () => {
    const city = await makeCity(h.db);
    const partner = await makeMember(h.db, city.id, "partner");
    const a = await makeAssessment(h.db, { cityId: city.id });
    const opts = { cityId: city.id, assessmentId: a.id, authorId: partner.id, authorRole: "partner" };
    await makeEvidence(h.db, { ...opts, status: "accepted" });
    await makeEvidence(h.db, { ...opts, status: "accepted" });
    await makeEvidence(h.db, { ...opts, status: "changes_requested" });
    await makeEvidence(h.db, { ...opts });
    const ppp = await makeEvidence(h.db, opts);
    await h.db.update(evidence).set({ kind: "ppp", characteristicKey: "business_models" }).where(eq(evidence.id, ppp.id));
    const other = await makeEvidence(h.db, opts);
    await h.db.update(evidence).set({ characteristicKey: "ict_infrastructure" }).where(eq(evidence.id, other.id));

    const [section] = sectionsOf<PartnerHome>((await home(partner.id)).sections, "partner");
    expect(section.fundingEvidence).toEqual({ submitted: 2, accepted: 2, rejected: 0, changes_requested: 1, withdrawn: 0, total: 5 });
    expect(section).toMatchObject({ changesRequested: 1, awaitingReview: 3 });
  });

  it("shows a citizen the open consultations of their city and replies by others to their comments", async () => {
    const city = await makeCity(h.db);
    const citizen = await makeMember(h.db, city.id, "citizen");
    const neighbour = await makeMember(h.db, city.id, "citizen");
    const a = await makeAssessment(h.db, { cityId: city.id, status: "published" });
    await makeConsultation(h.db, a, neighbour.id, { closesAt: new Date(Date.now() + 10 * DAY) });
    await makeConsultation(h.db, a, neighbour.id, { closesAt: new Date(Date.now() - DAY) });
    const thread = {
      cityId: city.id,
      assessmentId: a.id,
      targetType: "assessment" as const,
      targetKey: a.id,
      visibility: "public" as const,
    };
    const [mine] = await h.db
      .insert(comments)
      .values({ ...thread, authorId: citizen.id, body: "Mine" })
      .returning();
    await h.db.insert(comments).values([
      { ...thread, authorId: neighbour.id, body: "A reply", parentId: mine.id, rootId: mine.id, depth: 1 },
      { ...thread, authorId: neighbour.id, body: "Another", parentId: mine.id, rootId: mine.id, depth: 1 },
      { ...thread, authorId: neighbour.id, body: "Hidden", parentId: mine.id, rootId: mine.id, depth: 1, moderationState: "hidden" },
      { ...thread, authorId: citizen.id, body: "My own reply", parentId: mine.id, rootId: mine.id, depth: 1 },
    ]);

    const [section] = sectionsOf<CitizenHome>((await home(citizen.id)).sections, "citizen");
    expect(section).toMatchObject({
      city: { id: city.id },
      openConsultations: 1,
      repliesToMe: 2,
      href: `/consultations?city=${city.slug}`,
    });
    expect(section.latestReplyAt).toBeInstanceOf(Date);
    const [theirs] = sectionsOf<CitizenHome>((await home(neighbour.id)).sections, "citizen");
    expect(theirs).toMatchObject({ repliesToMe: 0, latestReplyAt: null, links: { replies: null } });
  });

  it("shows an admin pending invitations, blocked users and flagged items", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const before = sectionsOf<AdminHome>((await home(admin.id)).sections, "admin")[0];
    const city = await makeCity(h.db);
    await h.db.insert(invitations).values([
      {
        cityId: city.id,
        email: "a@x.test",
        role: "citizen",
        tokenHash: `h-${city.id}-1`,
        invitedBy: admin.id,
        expiresAt: new Date(Date.now() + DAY),
      },
      {
        cityId: city.id,
        email: "b@x.test",
        role: "citizen",
        tokenHash: `h-${city.id}-2`,
        invitedBy: admin.id,
        expiresAt: new Date(Date.now() - DAY),
      },
    ]);
    const blocked = await makeUser(h.db);
    await h.db.update(users).set({ postingBlockedAt: new Date(), postingBlockedBy: admin.id }).where(eq(users.id, blocked.id));
    const a = await makeAssessment(h.db, { cityId: city.id, status: "published" });
    const flagger = await makeUser(h.db);
    const other = await makeUser(h.db);
    const [c] = await h.db
      .insert(comments)
      .values({
        cityId: city.id,
        assessmentId: a.id,
        targetType: "assessment",
        targetKey: a.id,
        visibility: "public",
        authorId: blocked.id,
        body: "x",
      })
      .returning();
    await h.db.insert(flags).values([
      { cityId: city.id, targetType: "comment", targetId: c.id, userId: flagger.id, reason: "spam" },
      { cityId: city.id, targetType: "comment", targetId: c.id, userId: other.id, reason: "offensive" },
    ]);
    const [after] = sectionsOf<AdminHome>((await home(admin.id)).sections, "admin");
    expect(after.pendingInvitations - before.pendingInvitations).toBe(1);
    expect(after.blockedUsers - before.blockedUsers).toBe(1);
    expect(after.flaggedItems - before.flaggedItems).toBe(1);
    expect(after.links.flaggedItems).toBe("/moderation?view=pending");
  });
});
