import { and, asc, count, eq, gt, inArray, isNull, lte, min, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { assessmentApprovals, assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { cities, invitations, memberships, users } from "@/db/schema/identity";
import { comments, consultations, flags } from "@/db/schema/participation";
import type { Locale } from "@/i18n/locales";
import { DomainError } from "@/server/errors/domain-error";
import { localizedCityNames } from "@/server/public/city-names";
import type { CityRole, EvidenceStatus, GlobalRole } from "@/shared/domain-values";

/**
 * The role home page ("what to do next"): for the signed-in viewer, one section per role they hold
 * (their global role, and each city membership), each with live counts and the page to open.
 * Links are written without the locale prefix; the UI adds it (`@/i18n/navigation`).
 *
 * A fixed number of statements whatever the data (at most 10, run in parallel after the first two):
 * every per-role read covers all the viewer's cities of that role at once, grouped by city.
 */

/** How far ahead a consultation counts as "closing soon". */
export const CLOSING_SOON_DAYS = 7;
const DAY_MS = 86_400_000;

/** `localizedName`: the name in the reader's language (the pilot cities' Chinese names). */
type CityRef = { id: string; slug: string; name: string; localizedName: string };
type Link = { href: string };

export type ExpertHome = {
  role: "expert";
  /** Evidence waiting for review, per city, the city with the oldest item first. */
  waiting: (Link & { city: CityRef; count: number; oldestSubmittedAt: Date; oldestAgeDays: number })[];
  totalWaiting: number;
} & Link;

export type LeadershipHome = {
  role: "leadership";
  city: CityRef;
  /** The open assessment, if any, and what waits on the group. */
  assessment: { id: string; cycle: string; status: string } | null;
  awaitingMyApproval: number;
  awaitingPublication: number;
  /** A draft that came back from review (returned to draft). */
  returned: number;
  consultationsClosingSoon: number;
  nextClosingAt: Date | null;
  links: { assessment: string; consultations: string };
} & Link;

export type DepartmentHome = {
  role: "department";
  city: CityRef;
  /** Evidence of mine on which an expert requested changes. */
  changesRequested: number;
  oldestChangeRequestAt: Date | null;
  /** Submitted and not yet reviewed. */
  awaitingReview: number;
  links: { changesRequested: string; workspace: string };
} & Link;

export type PartnerHome = Omit<DepartmentHome, "role"> & {
  role: "partner";
  /** My PPP and funding evidence by review status. */
  fundingEvidence: Record<EvidenceStatus, number> & { total: number };
};

export type CitizenHome = {
  role: "citizen";
  city: CityRef;
  openConsultations: number;
  nextClosingAt: Date | null;
  /**
   * Replies by others to my comments in this city. There is no read marker for comment replies
   * (notifications cover workflow events only), so this counts every visible reply.
   */
  repliesToMe: number;
  latestReplyAt: Date | null;
  links: { consultations: string; replies: string | null };
} & Link;

export type AdminHome = {
  role: "admin";
  pendingInvitations: number;
  blockedUsers: number;
  flaggedItems: number;
  links: { invitations: string; blockedUsers: string; flaggedItems: string };
} & Link;

export type RoleHomeSection = ExpertHome | AdminHome | LeadershipHome | DepartmentHome | PartnerHome | CitizenHome;

export type RoleHome = {
  viewer: { id: string; name: string; globalRole: GlobalRole | null };
  sections: RoleHomeSection[];
};

function ageDays(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

const EMPTY_STATUS_COUNTS = (): Record<EvidenceStatus, number> & { total: number } => ({
  submitted: 0,
  accepted: 0,
  rejected: 0,
  changes_requested: 0,
  withdrawn: 0,
  total: 0,
});

/** Assessments still taking evidence and reviews (the review queue's scope). */
const LIVE_STATUSES = ["draft", "in_review"] as const;

export async function getRoleHome(db: DbOrTx, userId: string, locale: Locale = "en", now: Date = new Date()): Promise<RoleHome> {
  const [[viewer], memberRows] = await Promise.all([
    db.select({ id: users.id, name: users.name, globalRole: users.globalRole }).from(users).where(eq(users.id, userId)).limit(1),
    db
      .select({ role: memberships.role, id: cities.id, slug: cities.slug, name: cities.name, country: cities.country })
      .from(memberships)
      .innerJoin(cities, eq(cities.id, memberships.cityId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)))
      .orderBy(asc(cities.name)),
  ]);
  if (!viewer) throw new DomainError("UNAUTHORIZED", "Please sign in again.");

  const refOf = (c: { id: string; slug: string; name: string; country: string }): CityRef => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    localizedName: localizedCityNames(c, locale).localizedName,
  });
  const citiesOf = (role: CityRole): CityRef[] => memberRows.filter((m) => m.role === role).map(refOf);
  const leadershipCities = citiesOf("leadership");
  const contributorCities = [...citiesOf("department"), ...citiesOf("partner")];
  const partnerCities = citiesOf("partner");
  const citizenCities = citiesOf("citizen");

  const [expert, admin, leadership, contributor, partner, citizen] = await Promise.all([
    viewer.globalRole === "expert" ? expertHome(db, now, refOf) : null,
    viewer.globalRole === "admin" ? adminHome(db, now) : null,
    leadershipCities.length ? leadershipHome(db, userId, leadershipCities, now) : [],
    contributorCities.length ? contributorCounts(db, userId, contributorCities) : null,
    partnerCities.length ? partnerFundingCounts(db, userId, partnerCities) : null,
    citizenCities.length ? citizenHome(db, userId, citizenCities, now) : [],
  ]);

  const sections: RoleHomeSection[] = [];
  if (expert) sections.push(expert);
  if (admin) sections.push(admin);
  sections.push(...leadership);
  for (const m of memberRows) {
    const city = refOf(m);
    if (m.role !== "department" && m.role !== "partner") continue;
    const c = contributor?.get(m.id) ?? { changesRequested: 0, oldestChangeRequestAt: null, awaitingReview: 0 };
    const workspace = `/workspace?city=${encodeURIComponent(m.slug)}`;
    const base = {
      city,
      ...c,
      href: workspace,
      links: { workspace, changesRequested: `/workspace?city=${encodeURIComponent(m.slug)}&status=changes_requested` },
    };
    if (m.role === "department") sections.push({ role: "department", ...base });
    else sections.push({ role: "partner", ...base, fundingEvidence: partner?.get(m.id) ?? EMPTY_STATUS_COUNTS() });
  }
  sections.push(...citizen);
  return { viewer: { id: viewer.id, name: viewer.name, globalRole: viewer.globalRole ?? null }, sections };
}

/** One statement: submitted evidence of live assessments, per city, oldest first. */
async function expertHome(
  db: DbOrTx,
  now: Date,
  refOf: (c: { id: string; slug: string; name: string; country: string }) => CityRef,
): Promise<ExpertHome> {
  const oldest = min(evidence.submittedAt);
  const rows = await db
    .select({ id: cities.id, slug: cities.slug, name: cities.name, country: cities.country, count: count(), oldest })
    .from(evidence)
    .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
    .innerJoin(cities, eq(cities.id, evidence.cityId))
    .where(and(eq(evidence.status, "submitted"), inArray(assessments.status, [...LIVE_STATUSES])))
    .groupBy(cities.id, cities.slug, cities.name, cities.country)
    .orderBy(oldest, asc(cities.name));
  const waiting = rows.map((r) => {
    const oldestSubmittedAt = new Date(r.oldest as Date | string);
    return {
      city: refOf(r),
      count: Number(r.count),
      oldestSubmittedAt,
      oldestAgeDays: ageDays(oldestSubmittedAt, now),
      href: `/review?city=${encodeURIComponent(r.slug)}`,
    };
  });
  return { role: "expert", waiting, totalWaiting: waiting.reduce((s, w) => s + w.count, 0), href: "/review" };
}

/** One statement with three scalar subqueries. */
async function adminHome(db: DbOrTx, now: Date): Promise<AdminHome> {
  const [row] = await db
    .select({
      pendingInvitations: sql<number>`(select count(*)::int from ${invitations} where ${invitations.acceptedAt} is null and ${invitations.expiresAt} > ${now.toISOString()}::timestamptz)`,
      blockedUsers: sql<number>`(select count(*)::int from ${users} where ${users.postingBlockedAt} is not null)`,
      flaggedItems: sql<number>`(select count(*)::int from (select 1 from ${flags} where ${flags.resolvedAt} is null group by ${flags.targetType}, ${flags.targetId}) open_targets)`,
    })
    .from(sql`(select 1) as one`);
  return {
    role: "admin",
    pendingInvitations: Number(row.pendingInvitations),
    blockedUsers: Number(row.blockedUsers),
    flaggedItems: Number(row.flaggedItems),
    href: "/admin",
    links: { invitations: "/admin", blockedUsers: "/moderation?tab=blocked", flaggedItems: "/moderation?view=pending" },
  };
}

/** Two statements: the open assessments of the viewer's cities (with their own approval), and consultations closing soon. */
async function leadershipHome(db: DbOrTx, userId: string, cityRefs: CityRef[], now: Date): Promise<LeadershipHome[]> {
  const cityIds = cityRefs.map((c) => c.id);
  const mine = alias(assessmentApprovals, "my_approval");
  const soon = new Date(now.getTime() + CLOSING_SOON_DAYS * DAY_MS);
  const [open, closing] = await Promise.all([
    db
      .select({
        id: assessments.id,
        cityId: assessments.cityId,
        cycle: assessments.cycle,
        status: assessments.status,
        approvalRound: assessments.approvalRound,
        approvedByMe: sql<boolean>`${mine.id} is not null`,
      })
      .from(assessments)
      .leftJoin(mine, and(eq(mine.assessmentId, assessments.id), eq(mine.round, assessments.approvalRound), eq(mine.userId, userId)))
      .where(and(inArray(assessments.cityId, cityIds), ne(assessments.status, "published"))),
    db
      .select({ cityId: consultations.cityId, count: count(), next: min(consultations.closesAt) })
      .from(consultations)
      .where(
        and(
          inArray(consultations.cityId, cityIds),
          isNull(consultations.closedAt),
          gt(consultations.closesAt, now),
          lte(consultations.closesAt, soon),
        ),
      )
      .groupBy(consultations.cityId),
  ]);
  const openByCity = new Map(open.map((a) => [a.cityId, a]));
  const closingByCity = new Map(closing.map((c) => [c.cityId, c]));
  return cityRefs.map((city) => {
    const a = openByCity.get(city.id);
    const c = closingByCity.get(city.id);
    const leadershipPage = `/leadership?city=${encodeURIComponent(city.slug)}`;
    return {
      role: "leadership",
      city,
      assessment: a ? { id: a.id, cycle: a.cycle, status: a.status } : null,
      awaitingMyApproval: a?.status === "rated" && !a.approvedByMe ? 1 : 0,
      awaitingPublication: a?.status === "approved" ? 1 : 0,
      // Every transition bumps the round: a draft past round 1 went to review and came back.
      returned: a?.status === "draft" && a.approvalRound > 1 ? 1 : 0,
      consultationsClosingSoon: c ? Number(c.count) : 0,
      nextClosingAt: c?.next ? new Date(c.next as Date | string) : null,
      href: leadershipPage,
      links: { assessment: leadershipPage, consultations: `/consultations?city=${encodeURIComponent(city.slug)}` },
    };
  });
}

/** One statement: my evidence waiting on me (changes requested) or on the experts, per city. */
async function contributorCounts(db: DbOrTx, userId: string, cityRefs: CityRef[]) {
  const rows = await db
    .select({
      cityId: evidence.cityId,
      changesRequested: sql<number>`(count(*) filter (where ${evidence.status} = 'changes_requested'))::int`,
      oldestChangeRequestAt: sql<Date | string | null>`min(${evidence.updatedAt}) filter (where ${evidence.status} = 'changes_requested')`,
      awaitingReview: sql<number>`(count(*) filter (where ${evidence.status} = 'submitted'))::int`,
    })
    .from(evidence)
    .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
    .where(
      and(
        eq(evidence.authorId, userId),
        inArray(
          evidence.cityId,
          cityRefs.map((c) => c.id),
        ),
        inArray(assessments.status, [...LIVE_STATUSES]),
      ),
    )
    .groupBy(evidence.cityId);
  return new Map(
    rows.map((r) => [
      r.cityId,
      {
        changesRequested: Number(r.changesRequested),
        oldestChangeRequestAt: r.oldestChangeRequestAt ? new Date(r.oldestChangeRequestAt) : null,
        awaitingReview: Number(r.awaitingReview),
      },
    ]),
  );
}

/** One statement: my PPP and funding evidence (any cycle) by status, per city. */
async function partnerFundingCounts(db: DbOrTx, userId: string, cityRefs: CityRef[]) {
  const isFunding: SQL = sql`(${evidence.kind} = 'ppp' or ${evidence.characteristicKey} = 'funding')`;
  const rows = await db
    .select({ cityId: evidence.cityId, status: evidence.status, count: count() })
    .from(evidence)
    .where(
      and(
        eq(evidence.authorId, userId),
        inArray(
          evidence.cityId,
          cityRefs.map((c) => c.id),
        ),
        isFunding,
      ),
    )
    .groupBy(evidence.cityId, evidence.status);
  const out = new Map<string, Record<EvidenceStatus, number> & { total: number }>();
  for (const r of rows) {
    const counts = out.get(r.cityId) ?? EMPTY_STATUS_COUNTS();
    counts[r.status] += Number(r.count);
    counts.total += Number(r.count);
    out.set(r.cityId, counts);
  }
  return out;
}

/** Two statements: open consultations of my cities, and visible replies by others to my comments. */
async function citizenHome(db: DbOrTx, userId: string, cityRefs: CityRef[], now: Date): Promise<CitizenHome[]> {
  const cityIds = cityRefs.map((c) => c.id);
  const parent = alias(comments, "parent");
  const [open, replies] = await Promise.all([
    db
      .select({ cityId: consultations.cityId, count: count(), next: min(consultations.closesAt) })
      .from(consultations)
      .where(and(inArray(consultations.cityId, cityIds), isNull(consultations.closedAt), gt(consultations.closesAt, now)))
      .groupBy(consultations.cityId),
    db
      .select({
        cityId: comments.cityId,
        count: count(),
        latest: sql<Date | string | null>`max(${comments.createdAt})`,
        // The newest reply's thread, for the link.
        assessmentId: sql<string>`(array_agg(${comments.assessmentId} order by ${comments.createdAt} desc))[1]`,
      })
      .from(comments)
      .innerJoin(parent, eq(parent.id, comments.parentId))
      .where(
        and(
          eq(parent.authorId, userId),
          ne(comments.authorId, userId),
          inArray(comments.cityId, cityIds),
          isNull(comments.deletedAt),
          eq(comments.moderationState, "ok"),
        ),
      )
      .groupBy(comments.cityId),
  ]);
  const openByCity = new Map(open.map((o) => [o.cityId, o]));
  const repliesByCity = new Map(replies.map((r) => [r.cityId, r]));
  return cityRefs.map((city) => {
    const o = openByCity.get(city.id);
    const r = repliesByCity.get(city.id);
    const consultationsPage = `/consultations?city=${encodeURIComponent(city.slug)}`;
    return {
      role: "citizen",
      city,
      openConsultations: o ? Number(o.count) : 0,
      nextClosingAt: o?.next ? new Date(o.next as Date | string) : null,
      repliesToMe: r ? Number(r.count) : 0,
      latestReplyAt: r?.latest ? new Date(r.latest) : null,
      href: consultationsPage,
      links: { consultations: consultationsPage, replies: r ? `/cities/${encodeURIComponent(city.slug)}` : null },
    };
  });
}
