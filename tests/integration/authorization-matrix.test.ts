import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { assessments, criterionJudgements } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { evidence } from "@/db/schema/evidence";
import { goodPracticeMessages } from "@/db/schema/good-practice";
import { cities, invitations, memberships, users } from "@/db/schema/identity";
import { mailOutbox, userMailSettings } from "@/db/schema/mail";
import { notifications } from "@/db/schema/notifications";
import { comments, feedback } from "@/db/schema/participation";
import { erasureRequests } from "@/db/schema/privacy";
import { oidcAccounts } from "@/db/schema/sso";
import { issueAccountToken } from "@/server/accounts/account-tokens";
import { appRouter } from "@/server/api/root-router";
import { currentFramework } from "@/server/scoring/framework-registry";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import {
  callerFor,
  futureDate,
  makeAssessment,
  makeCity,
  makeCityCast,
  makeConsultation,
  makeMember,
  makeUser,
  READY,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { outcomeOf } from "../helpers/trpc-errors";

/*
 * The role matrix of the whole API: every tRPC procedure × every kind of caller, with the outcome
 * each must get. The first test walks `appRouter`, so a procedure added without a row here fails the
 * suite. Queries run against one seeded world; each mutation case gets fresh rows (its own city and
 * cast), so cases never see each other's writes. Allowed cases assert what came back, not only that
 * something did.
 */

let h: DatabaseHandle;
let db: Db;

/** The callers every procedure is tried with. */
const WHO = ["anonymous", "signedIn", "outsider", "citizen", "partner", "department", "leadership", "expert", "admin", "blocked"] as const;
type Who = (typeof WHO)[number];
/*
 * anonymous: no session · signedIn: a user with no role anywhere · outsider: leadership of another
 * city · citizen…leadership: members of the city · expert, admin: global roles · blocked: a partner
 * of the city whom moderators blocked from posting.
 */

type Code = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
const CODES: Record<string, Code> = { ok: "ok", U: "UNAUTHORIZED", F: "FORBIDDEN", N: "NOT_FOUND" };

/** One row of outcomes, in WHO order: "ok", U(NAUTHORIZED), F(ORBIDDEN), N(OT_FOUND). */
function outcomes(row: string): Record<Who, Code> {
  const cells = row.trim().split(/\s+/);
  if (cells.length !== WHO.length) throw new Error(`"${row}" has ${cells.length} cells, not ${WHO.length}`);
  return Object.fromEntries(WHO.map((who, i) => [who, CODES[cells[i]] ?? fail(row)])) as Record<Who, Code>;
}
function fail(row: string): never {
  throw new Error(`unknown code in "${row}"`);
}

//                       anon signedIn outsider citizen partner dept lead expert admin blocked
const EVERYONE = outcomes("ok  ok       ok       ok      ok      ok   ok   ok     ok    ok");
const SIGNED_IN = outcomes("U   ok       ok       ok      ok      ok   ok   ok     ok    ok");
const PLAN_READERS = outcomes("U N N F F ok ok F ok F");
const PLAN_WRITERS = outcomes("U N N F F ok ok F F F");
const KPI_READERS = outcomes("U N N F F ok ok ok ok F");
const KPI_WRITERS = outcomes("U N N F F ok ok F F F");

// ---------------------------------------------------------------- the world

async function makeCast() {
  const cast = await makeCityCast(db);
  const blocked = await makeMember(db, cast.city.id, "partner");
  await db
    .update(users)
    .set({ postingBlockedAt: new Date(), postingBlockedReason: "Matrix: blocked from posting." })
    .where(eq(users.id, blocked.id));
  const ids: Record<Who, string | null> = {
    anonymous: null,
    signedIn: cast.users.signedIn.id,
    outsider: cast.users.outsider.id,
    citizen: cast.users.citizen.id,
    partner: cast.users.partner.id,
    department: cast.users.department.id,
    leadership: cast.users.leadership.id,
    expert: cast.users.expert.id,
    admin: cast.users.admin.id,
    blocked: blocked.id,
  };
  return { ...cast, ids, as: (who: Who) => callerFor(db, ids[who]) };
}
type Cast = Awaited<ReturnType<typeof makeCast>>;

/** A city with a published cycle and a draft (evidence accepted, rated) under consultation. */
async function makeWorld() {
  const cast = await makeCast();
  const dept = cast.users.department.id;
  const published = await makeAssessment(db, { ...READY, cityId: cast.city.id, status: "published", authorId: dept, cycle: "2024" });
  const draft = await makeAssessment(db, { ...READY, cityId: cast.city.id, status: "draft", authorId: dept, cycle: "2025" });
  const consultation = await makeConsultation(db, draft, cast.users.leadership.id, { characteristicKeys: ["stakeholders"] });
  const submitted = await cast
    .as("department")
    .evidence.submit({ assessmentId: draft.id, characteristicKey: "funding", ...SAMPLE_CONTENT.ppp });
  const thread = { assessmentId: draft.id, targetType: "characteristic" as const, targetKey: "funding", visibility: "internal" as const };
  const comment = await cast.as("department").comments.post({ ...thread, body: "Internal note from the department." });
  const citizenFeedback = await cast
    .as("citizen")
    .consultations.submitFeedback({ consultationId: consultation.id, characteristicKey: "stakeholders", body: "Ask us earlier." });
  for (const who of WHO) {
    const userId = cast.ids[who];
    if (userId) await db.insert(notifications).values({ userId, kind: "matrix", params: { who } });
  }
  const accepted = await cast
    .as("department")
    .evidence.submit({ assessmentId: draft.id, characteristicKey: "funding", ...SAMPLE_CONTENT.ppp, title: "Accepted PPP" });
  await cast.as("expert").review.decide({ evidenceId: accepted.id, revision: 1, decision: "accepted" });
  return { cast, published, draft, accepted, consultation, submitted, thread, comment, feedbackId: citizenFeedback.id };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

async function auditCount(action: string, entityId?: string) {
  const rows = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(entityId ? and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)) : eq(auditEvents.action, action));
  return rows.length;
}

// ---------------------------------------------------------------- the rows

type Caller = ReturnType<typeof callerFor>;
type QueryRow = {
  expect: Record<Who, Code>;
  run: (c: Caller, w: World, who: Who) => Promise<unknown>;
  check: (result: any, w: World, who: Who) => void | Promise<void>;
};
type MutationRow<P = any> = {
  mutation: true;
  expect: Record<Who, Code>;
  /** Fresh rows for one case. */
  prepare: (cast: Cast, who: Who) => Promise<P>;
  run: (c: Caller, cast: Cast, p: P, who: Who) => Promise<unknown>;
  check: (result: any, cast: Cast, p: P, who: Who) => void | Promise<void>;
};
type Row = QueryRow | MutationRow;
const query = (row: QueryRow): QueryRow => row;
const mutation = <P>(row: Omit<MutationRow<P>, "mutation">): MutationRow<P> => ({ mutation: true, ...row });
const nothing = async () => undefined;

const FUNDING_CRITERION = currentFramework().characteristics.find((ch) => ch.key === "funding")!.criteria[0].key;
const REASON = "Matrix: the figures need another look.";
const openConsultationInput = {
  question: "How well does the city involve you in its plans?",
  summary: "The city is assessing how it works with residents. Tell us what you see.",
  characteristicKeys: ["stakeholders" as const],
  closesOn: futureDate(10),
};

/** An assessment of a fresh cast's city at `status`, ready for the next step. */
const assessmentAt = (status: "draft" | "in_review" | "rated" | "approved" | "published") => async (cast: Cast) =>
  makeAssessment(db, { ...READY, cityId: cast.city.id, status, authorId: cast.users.department.id });

/** The author of evidence in a case: the caller when they may submit, else the department. */
const evidenceAuthorOf = (who: Who): Who => (who === "partner" || who === "department" || who === "blocked" ? who : "department");

async function ownEvidence(cast: Cast, who: Who) {
  const draft = await assessmentAt("draft")(cast);
  const item = await cast
    .as(evidenceAuthorOf(who))
    .evidence.submit({ assessmentId: draft.id, characteristicKey: "funding", ...SAMPLE_CONTENT.ppp });
  return { draft, item };
}

async function statusOfAssessment(id: string) {
  const [row] = await db.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, id));
  return row.status;
}

/** A transition row: from `from` to `to`, as the row's allowed roles. */
function transition(
  expectRow: string,
  from: "draft" | "in_review" | "rated" | "approved" | "published",
  to: string,
  call: (c: Caller, assessmentId: string) => Promise<unknown>,
) {
  return mutation({
    expect: outcomes(expectRow),
    prepare: assessmentAt(from),
    run: (c, _cast, a) => call(c, a.id),
    check: async (_result, cast, a, who) => {
      expect(await statusOfAssessment(a.id)).toBe(to);
      const [event] = await db.select().from(auditEvents).where(eq(auditEvents.assessmentId, a.id)).orderBy(auditEvents.id);
      expect(event?.actorId).toBe(cast.ids[who]);
    },
  });
}

//   columns: anon signedIn outsider citizen partner dept lead expert admin blocked
const MATRIX: Record<string, Row> = {
  // ------------------------------------------------------------ accounts
  "accounts.signUp": mutation({
    expect: EVERYONE,
    prepare: async () => ({ email: `matrix-${crypto.randomUUID()}@example.test` }),
    run: (c, _cast, p) => c.accounts.signUp({ email: p.email, name: "Matrix Citizen", password: "a-long-matrix-passphrase-41" }),
    check: async (_result, _cast, p) => {
      const [user] = await db.select().from(users).where(eq(users.email, p.email));
      expect(user.globalRole).toBeNull();
    },
  }),
  "accounts.invitation": mutation({
    expect: EVERYONE,
    prepare: async (cast) =>
      cast.as("admin").cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" }),
    run: (c, _cast, p) => c.accounts.invitation({ token: p.token }),
    check: (result, cast, p) => expect(result).toEqual({ email: p.email, role: "citizen", cityId: cast.city.id }),
  }),
  "accounts.acceptInvitation": mutation({
    expect: EVERYONE,
    prepare: async (cast) =>
      cast.as("admin").cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" }),
    run: (c, _cast, p) => c.accounts.acceptInvitation({ token: p.token, name: "Invited Person", password: "a-long-matrix-passphrase-42" }),
    check: async (result, cast, p) => {
      expect(result.email).toBe(p.email);
      const [m] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, result.userId), eq(memberships.cityId, cast.city.id)));
      expect(m.role).toBe("citizen");
    },
  }),
  "accounts.me": query({
    expect: SIGNED_IN,
    run: (c) => c.accounts.me(),
    check: (result, w, who) => expect(result?.id).toBe(w.cast.ids[who]),
  }),
  "accounts.headerViewer": query({
    expect: EVERYONE,
    run: (c) => c.accounts.headerViewer(),
    check: async (result, _w, who) => {
      if (who === "anonymous") return expect(result).toBeNull();
      expect(result?.name).toBeTruthy();
    },
  }),

  "accounts.requestPasswordReset": mutation({
    expect: EVERYONE,
    prepare: async () => makeUser(db, { email: `reset-${crypto.randomUUID()}@example.test`, password: "a-long-matrix-passphrase-43" }),
    run: (c, _cast, user) => c.accounts.requestPasswordReset({ email: user.email }),
    check: async (result, _cast, user) => {
      expect(result).toEqual({ status: "accepted" });
      const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, user.id));
      expect(rows.map((r) => r.kind)).toEqual(["password_reset"]);
    },
  }),
  "accounts.resetTokenValid": mutation({
    expect: EVERYONE,
    prepare: async () => {
      const user = await makeUser(db);
      return { token: await issueAccountToken(db, user.id, "password_reset", 60_000) };
    },
    run: (c, _cast, p) => c.accounts.resetTokenValid({ token: p.token }),
    check: (result) => expect(result).toBe(true),
  }),
  "accounts.resetPassword": mutation({
    expect: EVERYONE,
    prepare: async () => {
      const user = await makeUser(db);
      return { user, token: await issueAccountToken(db, user.id, "password_reset", 60_000) };
    },
    run: (c, _cast, p) => c.accounts.resetPassword({ token: p.token, password: "a-long-matrix-passphrase-44" }),
    check: async (result, _cast, p) => {
      expect(result).toEqual({ status: "reset" });
      const [row] = await db.select().from(users).where(eq(users.id, p.user.id));
      expect(row.sessionVersion).toBe(p.user.sessionVersion + 1);
    },
  }),
  "accounts.verifyEmail": mutation({
    expect: EVERYONE,
    prepare: async () => {
      const user = await makeUser(db);
      return { token: await issueAccountToken(db, user.id, "email_verification", 60_000) };
    },
    run: (c, _cast, p) => c.accounts.verifyEmail({ token: p.token }),
    check: (result) => expect(result).toEqual({ status: "verified" }),
  }),

  // ------------------------------------------------------------ cities
  "cities.list": query({
    expect: EVERYONE,
    run: (c, w) => c.cities.list({ search: w.cast.city.name }),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.cast.city.id),
  }),
  "cities.bySlug": query({
    expect: EVERYONE,
    run: (c, w) => c.cities.bySlug({ slug: w.cast.city.slug }),
    check: (result, w) => expect(result?.id).toBe(w.cast.city.id),
  }),
  "cities.create": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: async () => ({ name: `Matrix City ${crypto.randomUUID().slice(0, 8)}` }),
    run: (c, _cast, p) => c.cities.create({ name: p.name, country: "Xland", region: "other", approvalsRequired: 1 }),
    check: async (result, _cast, p) => {
      const [row] = await db.select().from(cities).where(eq(cities.name, p.name));
      expect(row).toBeDefined();
      expect(JSON.stringify(result)).toContain(row.id);
    },
  }),
  "cities.update": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: async () => ({ country: `Matrixland ${crypto.randomUUID().slice(0, 8)}` }),
    run: (c, cast, p) => c.cities.update({ cityId: cast.city.id, country: p.country }),
    check: async (_result, cast, p) => {
      const [row] = await db.select().from(cities).where(eq(cities.id, cast.city.id));
      expect(row.country).toBe(p.country);
    },
  }),
  "cities.members": query({
    expect: outcomes("U N N F F F ok F ok F"),
    run: (c, w) => c.cities.members({ cityId: w.cast.city.id }),
    check: (result: { userId: string }[], w) => {
      expect(result.map((m) => m.userId)).toEqual(expect.arrayContaining([w.cast.ids.leadership, w.cast.ids.citizen, w.cast.ids.blocked]));
      expect(result.map((m) => m.userId)).not.toContain(w.cast.ids.outsider);
    },
  }),
  "cities.invite": mutation({
    expect: outcomes("U N N F F F F F ok F"),
    prepare: async () => ({ email: `inv-${crypto.randomUUID()}@example.test` }),
    run: (c, cast, p) => c.cities.invite({ cityId: cast.city.id, email: p.email, role: "citizen" }),
    check: async (result, cast, p) => {
      expect(result).toMatchObject({ email: p.email, role: "citizen", city: { id: cast.city.id } });
      const [row] = await db.select().from(invitations).where(eq(invitations.id, result.invitationId));
      expect(row.cityId).toBe(cast.city.id);
    },
  }),
  "cities.invitations": mutation({
    expect: outcomes("U N N F F F F F ok F"),
    prepare: async (cast) =>
      cast.as("admin").cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" }),
    run: (c, cast) => c.cities.invitations({ cityId: cast.city.id }),
    check: (result: { email: string }[], _cast, p) => expect(result.map((i) => i.email)).toEqual([p.email]),
  }),
  "cities.revokeInvitation": mutation({
    expect: outcomes("U N N F F F F F ok F"),
    prepare: async (cast) =>
      cast.as("admin").cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" }),
    run: (c, cast, p) => c.cities.revokeInvitation({ cityId: cast.city.id, invitationId: p.invitationId }),
    check: async (_result, cast) => expect(await cast.as("admin").cities.invitations({ cityId: cast.city.id })).toEqual([]),
  }),
  "cities.revokeMember": mutation({
    expect: outcomes("U N N F F F F F ok F"),
    prepare: async (cast) => {
      const [m] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, cast.users.citizen.id), eq(memberships.cityId, cast.city.id)));
      return m;
    },
    run: (c, cast, m) => c.cities.revokeMember({ cityId: cast.city.id, membershipId: m.id, reason: "Moved away" }),
    check: async (_result, _cast, m) => {
      const [row] = await db.select().from(memberships).where(eq(memberships.id, m.id));
      expect(row.revokedAt).not.toBeNull();
    },
  }),

  // ------------------------------------------------------------ search (what the caller may see; tests/integration/search.test.ts)
  "search.query": query({
    expect: EVERYONE,
    run: (c, w) => c.search.query({ q: w.cast.city.name, kinds: ["city"] }),
    check: (result, w) => expect(result.items.map((i: { citySlug: string | null }) => i.citySlug)).toContain(w.cast.city.slug),
  }),

  // ------------------------------------------------------------ the public read side
  "public.cities": query({
    expect: EVERYONE,
    run: (c, w) => c.public.cities({ search: w.cast.city.name }),
    check: (result, w) => expect(result.items.map((i: { slug: string }) => i.slug)).toEqual([w.cast.city.slug]),
  }),
  "public.city": query({
    expect: EVERYONE,
    run: (c, w) => c.public.city({ slug: w.cast.city.slug }),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.published.id),
  }),
  "public.assessments": query({
    expect: EVERYONE,
    run: (c, w) => c.public.assessments({ city: [w.cast.city.slug] }),
    check: (result, w) => expect(result.items.map((i: { id: string }) => i.id)).toEqual([w.published.id]),
  }),
  "public.assessment": query({
    expect: EVERYONE,
    run: (c, w) => c.public.assessment({ id: w.published.id }),
    check: (result, w) => expect(result.id).toBe(w.published.id),
  }),
  "public.benchmark": query({
    expect: EVERYONE,
    run: (c) => c.public.benchmark({}),
    check: (result) => {
      expect(result.frameworkKey).toBe(currentFramework().key);
      expect(result.assessmentCount).toBeGreaterThanOrEqual(1);
    },
  }),
  "public.compare": query({
    expect: EVERYONE,
    run: (c, w) => c.public.compare({ city: [w.cast.city.slug] }),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.published.id),
  }),

  // ------------------------------------------------------------ KPI benchmarks (public side of the register)
  "kpiBenchmarks.cityKpis": query({
    expect: EVERYONE,
    run: (c, w) => c.kpiBenchmarks.cityKpis({ slug: w.cast.city.slug }),
    check: (result, w) => {
      expect(result.city.slug).toBe(w.cast.city.slug);
      expect(result.kpis).toEqual([]);
    },
  }),
  "kpiBenchmarks.indicator": query({
    expect: EVERYONE,
    run: (c) => c.kpiBenchmarks.indicator({ indicatorKey: "economy.unemployment_rate" }),
    check: (result) => expect(result.indicator.key).toBe("economy.unemployment_rate"),
  }),
  "kpiBenchmarks.registerSummary": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.kpiBenchmarks.registerSummary({ assessmentId: w.draft.id }),
    check: (result) => {
      expect(result.criterionKeys).toHaveLength(3);
      expect(result.summary).toEqual({ total: 0, withTargets: 0, catalogue: 0, public: 0, measured: 0 });
    },
  }),
  "kpiBenchmarks.setPopulation": mutation({
    expect: outcomes("U N N F F F ok F ok F"),
    prepare: nothing,
    run: (c, cast) => c.kpiBenchmarks.setPopulation({ cityId: cast.city.id, population: 654_321 }),
    check: async (_result, cast) => {
      const [row] = await db.select().from(cities).where(eq(cities.id, cast.city.id));
      expect(row.population).toBe(654_321);
    },
  }),

  // ------------------------------------------------------------ assessments
  "assessments.open": mutation({
    expect: outcomes("U N N F F F ok F ok F"),
    prepare: nothing,
    run: (c, cast) => c.assessments.open({ cityId: cast.city.id, cycle: "2030" }),
    check: async (result, cast) => {
      const [row] = await db.select().from(assessments).where(eq(assessments.cityId, cast.city.id));
      expect(row).toMatchObject({ cycle: "2030", status: "draft" });
      expect(JSON.stringify(result)).toContain(row.id);
    },
  }),
  "assessments.get": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.assessments.get({ assessmentId: w.draft.id }),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.draft.id),
  }),
  "assessments.current": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.assessments.current({ cityId: w.cast.city.id }),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.draft.id),
  }),
  "assessments.listForCity": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.assessments.listForCity({ cityId: w.cast.city.id }),
    check: (result, w) => {
      const text = JSON.stringify(result);
      expect(text).toContain(w.draft.id);
      expect(text).toContain(w.published.id);
    },
  }),

  // ------------------------------------------------------------ evidence
  "evidence.submit": mutation({
    expect: outcomes("U N N F ok ok F F F ok"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) => c.evidence.submit({ assessmentId: a.id, characteristicKey: "funding", ...SAMPLE_CONTENT.ppp }),
    check: async (result, cast, a, who) => {
      const [row] = await db.select().from(evidence).where(eq(evidence.id, result.id));
      expect(row).toMatchObject({ assessmentId: a.id, authorId: cast.ids[who], status: "submitted" });
    },
  }),
  "evidence.revise": mutation({
    expect: outcomes("U N N F ok ok F F F ok"),
    prepare: ownEvidence,
    run: (c, _cast, p) => c.evidence.revise({ evidenceId: p.item.id, expectedRevision: 1, ...SAMPLE_CONTENT.ppp, title: "Revised vision" }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(evidence).where(eq(evidence.id, p.item.id));
      expect(row).toMatchObject({ title: "Revised vision", currentRevision: 2 });
    },
  }),
  "evidence.withdraw": mutation({
    expect: outcomes("U N N F ok ok F F F ok"),
    prepare: ownEvidence,
    run: (c, _cast, p) => c.evidence.withdraw({ evidenceId: p.item.id, reason: "Duplicate" }),
    check: async (result, _cast, p) => {
      expect(result.status).toBe("withdrawn");
      const [row] = await db.select().from(evidence).where(eq(evidence.id, p.item.id));
      expect(row.status).toBe("withdrawn");
    },
  }),
  // The department's evidence under review: partners see only their own and accepted evidence.
  "evidence.get": query({
    expect: outcomes("U N N F N ok ok ok ok N"),
    run: (c, w) => c.evidence.get({ evidenceId: w.submitted.id }),
    check: (result, w) => expect(result.evidence).toMatchObject({ id: w.submitted.id, title: SAMPLE_CONTENT.ppp.title }),
  }),
  "evidence.listForAssessment": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.evidence.listForAssessment({ assessmentId: w.draft.id, limit: 100 }),
    check: (result, w, who) => {
      const ids = result.items.map((i: { id: string }) => i.id);
      if (who === "partner" || who === "blocked") expect(ids).not.toContain(w.submitted.id);
      else expect(ids).toContain(w.submitted.id);
      expect(ids).toContain(w.accepted.id);
    },
  }),
  "evidence.summary": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.evidence.summary({ assessmentId: w.draft.id }),
    check: (result) => expect(JSON.stringify(result)).toContain("funding"),
  }),
  "evidence.mine": query({
    expect: SIGNED_IN,
    run: (c) => c.evidence.mine({}),
    check: (result, w, who) => {
      const ids = result.items.map((i: { id: string }) => i.id);
      if (who === "department") expect(ids).toContain(w.submitted.id);
      else expect(ids).not.toContain(w.submitted.id);
    },
  }),

  // ------------------------------------------------------------ expert review
  "review.queue": query({
    expect: outcomes("U F F F F F F ok F F"),
    run: (c, w) => c.review.queue({ cityId: w.cast.city.id }),
    check: (result, w) => expect(result.items.map((i: { id: string }) => i.id)).toContain(w.submitted.id),
  }),
  "review.assessmentsUnderWay": query({
    expect: outcomes("U F F F F F F ok F F"),
    run: (c) => c.review.assessmentsUnderWay(),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.draft.id),
  }),
  "review.decide": mutation({
    expect: outcomes("U N N F F F F ok F F"),
    prepare: (cast) => ownEvidence(cast, "department"),
    run: (c, _cast, p) => c.review.decide({ evidenceId: p.item.id, revision: 1, decision: "accepted" }),
    check: async (result, _cast, p) => {
      expect(result.evidence).toMatchObject({ id: p.item.id, status: "accepted" });
      const [row] = await db.select().from(evidence).where(eq(evidence.id, p.item.id));
      expect(row.status).toBe("accepted");
    },
  }),
  "review.panel": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.review.panel({ assessmentId: w.draft.id, characteristicKey: "funding" }),
    check: (result) => expect(JSON.stringify(result)).toContain("funding"),
  }),
  "review.saveJudgement": mutation({
    expect: outcomes("U N N F F F F ok F F"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) =>
      c.review.saveJudgement({ assessmentId: a.id, criterionKey: FUNDING_CRITERION, judgement: "met", expectedVersion: null }),
    check: async (_result, _cast, a) => expect(await auditCount("judgement.save")).toBeGreaterThan(0),
  }),
  "review.saveJudgements": mutation({
    expect: outcomes("U N N F F F F ok F F"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) =>
      c.review.saveJudgements({
        assessmentId: a.id,
        characteristicKey: "funding",
        judgements: [{ criterionKey: FUNDING_CRITERION, judgement: "met", evidenceIds: [], expectedVersion: null }],
      }),
    check: async (result, _cast, a) => {
      expect(result.saved.map((j: { criterionKey: string }) => j.criterionKey)).toEqual([FUNDING_CRITERION]);
      const [row] = await db
        .select()
        .from(criterionJudgements)
        .where(and(eq(criterionJudgements.assessmentId, a.id), eq(criterionJudgements.criterionKey, FUNDING_CRITERION)));
      expect(row.judgement).toBe("met");
      expect(await auditCount("judgement.save")).toBeGreaterThan(0);
    },
  }),
  "review.saveRating": mutation({
    expect: outcomes("U N N F F F F ok F F"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) =>
      c.review.saveRating({
        assessmentId: a.id,
        characteristicKey: "funding",
        level: "average",
        justification: "Matrix: seen in the evidence.",
        expectedVersion: 1,
      }),
    check: (result) => expect(JSON.stringify(result)).toContain("average"),
  }),
  "review.confirmCarriedOver": mutation({
    expect: outcomes("U N N F F F F ok F F"),
    prepare: async (cast) => {
      const published = await makeAssessment(db, {
        ...READY,
        cityId: cast.city.id,
        status: "published",
        authorId: cast.users.department.id,
        judged: true,
      });
      const { assessment: next } = await cast.as("leadership").workflow.startNextCycle({ assessmentId: published.id, cycle: "next" });
      return next;
    },
    run: (c, _cast, next) => c.review.confirmCarriedOver({ assessmentId: next.id, characteristicKey: "funding" }),
    check: (result) => expect(result.confirmed).toBeDefined(),
  }),
  "review.clearRating": mutation({
    expect: outcomes("U N N F F F F ok F F"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) => c.review.clearRating({ assessmentId: a.id, characteristicKey: "funding", expectedVersion: 1 }),
    check: async () => expect(await auditCount("rating.clear")).toBeGreaterThan(0),
  }),

  // ------------------------------------------------------------ the workflow
  "workflow.overview": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.workflow.overview({ assessmentId: w.draft.id }),
    check: (result, w) => expect(result.assessment).toMatchObject({ id: w.draft.id, status: "draft" }),
  }),
  "workflow.leadershipDashboard": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.workflow.leadershipDashboard({ cityId: w.cast.city.id }),
    check: (result, w) => expect(result.current?.assessment.id).toBe(w.draft.id),
  }),
  "workflow.assessments": query({
    expect: outcomes("U F F F F F F ok ok F"),
    run: (c) => c.workflow.assessments({ status: "draft", limit: 100 }),
    check: (result) => {
      expect(result.items.length).toBeGreaterThan(0);
      expect(result.items.every((i: { status: string }) => i.status === "draft")).toBe(true);
    },
  }),
  "workflow.submitForReview": transition("U N N F F F ok ok ok F", "draft", "in_review", (c, id) =>
    c.workflow.submitForReview({ assessmentId: id }),
  ),
  "workflow.markRated": transition("U N N F F F F ok F F", "in_review", "rated", (c, id) => c.workflow.markRated({ assessmentId: id })),
  "workflow.returnToDraft": transition("U N N F F F ok ok F F", "in_review", "draft", (c, id) =>
    c.workflow.returnToDraft({ assessmentId: id, reason: REASON }),
  ),
  "workflow.approve": transition("U N N F F F ok F F F", "rated", "approved", (c, id) =>
    c.workflow.approve({ assessmentId: id, comment: "Agreed" }),
  ),
  "workflow.withdrawApproval": transition("U N N F F F ok F F F", "approved", "rated", (c, id) =>
    c.workflow.withdrawApproval({ assessmentId: id, reason: REASON }),
  ),
  "workflow.publish": transition("U N N F F F ok F F F", "approved", "published", (c, id) => c.workflow.publish({ assessmentId: id })),
  "workflow.unpublish": transition("U N N F F F F F ok F", "published", "approved", (c, id) =>
    c.workflow.unpublish({ assessmentId: id, reason: REASON }),
  ),
  "workflow.startNextCycle": mutation({
    expect: outcomes("U N N F F F ok F ok F"),
    prepare: assessmentAt("published"),
    run: (c, _cast, a) => c.workflow.startNextCycle({ assessmentId: a.id, cycle: "next" }),
    check: (result, _cast, a) => expect(result.assessment).toMatchObject({ copiedFromId: a.id, status: "draft" }),
  }),

  // ------------------------------------------------------------ the audit trail
  "audit.timeline": query({
    expect: outcomes("U N N F F F ok ok ok F"),
    run: (c, w) => c.audit.timeline({ assessmentId: w.draft.id }),
    check: (result) => expect(result.items.map((e: { action: string }) => e.action)).toContain("evidence.submit"),
  }),
  "audit.verify": query({
    expect: outcomes("U N N F F F ok ok ok F"),
    run: (c, w) => c.audit.verify({ assessmentId: w.draft.id }),
    check: (result) => expect(result).toMatchObject({ ok: true }),
  }),

  // ------------------------------------------------------------ the role home page (each viewer's own roles)
  "dashboard.home": query({
    expect: SIGNED_IN,
    run: (c) => c.dashboard.home(),
    check: (result, w, who) => {
      const roles = result.sections.map((s: { role: string; city?: { id: string } }) => s.role);
      const cityRoleOf: Partial<Record<Who, string>> = {
        citizen: "citizen",
        partner: "partner",
        department: "department",
        leadership: "leadership",
        blocked: "partner",
      };
      if (who === "expert" || who === "admin") expect(roles).toEqual([who]);
      else if (cityRoleOf[who]) {
        expect(roles).toEqual([cityRoleOf[who]]);
        expect(result.sections[0].city.id).toBe(w.cast.city.id);
      } else if (who === "outsider")
        expect(result.sections.every((s: { city: { id: string } }) => s.city.id !== w.cast.city.id)).toBe(true);
      else expect(roles).toEqual([]);
    },
  }),

  // ------------------------------------------------------------ notifications (each user's own)
  "notifications.list": query({
    expect: SIGNED_IN,
    run: (c) => c.notifications.list({}),
    check: (result, _w, who) => expect(result.items.map((n: { params: { who: string } }) => n.params.who)).toContain(who),
  }),
  "notifications.unreadCount": query({
    expect: SIGNED_IN,
    run: (c) => c.notifications.unreadCount(),
    check: (result) => expect(result).toBeGreaterThanOrEqual(1),
  }),
  "notifications.markRead": mutation({
    expect: SIGNED_IN,
    prepare: async (cast, who) => {
      const userId = cast.ids[who] ?? cast.ids.citizen!;
      const [row] = await db.insert(notifications).values({ userId, kind: "matrix", params: {} }).returning();
      return row;
    },
    run: (c, _cast, n) => c.notifications.markRead({ ids: [n.id] }),
    check: (result) => expect(result).toBe(1),
  }),
  "notifications.markAllRead": mutation({
    expect: SIGNED_IN,
    prepare: async (cast, who) => {
      const userId = cast.ids[who] ?? cast.ids.citizen!;
      await db.insert(notifications).values([
        { userId, kind: "matrix", params: {} },
        { userId, kind: "matrix", params: {} },
      ]);
    },
    run: (c) => c.notifications.markAllRead(),
    check: (result) => expect(result).toBeGreaterThanOrEqual(2),
  }),

  // ------------------------------------------------------------ mail (the platform admin's outbox; each user's own settings)
  "mail.list": query({
    expect: outcomes("U F F F F F F F ok F"),
    run: (c) => c.mail.list({}),
    check: (result) => expect(result.items.length).toBeGreaterThan(0),
  }),
  "mail.get": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: async (cast) =>
      cast.as("admin").cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" }),
    run: async (c, _cast, p) => {
      const [row] = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.refId, p.invitationId));
      return c.mail.get({ id: row.id });
    },
    check: (result, _cast, p) => expect(result.toAddress).toBe(p.email),
  }),
  "mail.retry": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: async (cast) => {
      const invite = await cast
        .as("admin")
        .cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" });
      const [row] = await db
        .update(mailOutbox)
        .set({ status: "dead", attempts: 5 })
        .where(eq(mailOutbox.refId, invite.invitationId))
        .returning({ id: mailOutbox.id });
      return row;
    },
    run: (c, _cast, p) => c.mail.retry({ id: p.id }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, p.id));
      expect(row.status).toBe("pending");
    },
  }),
  "mail.invitationStatus": mutation({
    expect: outcomes("U N N F F F F F ok F"),
    prepare: async (cast) =>
      cast.as("admin").cities.invite({ cityId: cast.city.id, email: `inv-${crypto.randomUUID()}@example.test`, role: "citizen" }),
    run: (c, cast, p) => c.mail.invitationStatus({ cityId: cast.city.id, invitationId: p.invitationId }),
    check: (result) => expect(result).toEqual({ status: "pending", attempts: 0 }),
  }),
  "mail.settings": query({
    expect: SIGNED_IN,
    run: (c) => c.mail.settings(),
    check: (result) => expect(result).toEqual({ locale: "en", digest: "daily", unverified: false }),
  }),
  "mail.updateSettings": mutation({
    expect: SIGNED_IN,
    prepare: nothing,
    run: (c) => c.mail.updateSettings({ digest: "weekly", locale: "zh" }),
    check: async (result, cast, _p, who) => {
      expect(result).toEqual({ locale: "zh", digest: "weekly", unverified: false });
      const [row] = await db.select().from(userMailSettings).where(eq(userMailSettings.userId, cast.ids[who]!));
      expect(row.digest).toBe("weekly");
    },
  }),
  "mail.rememberLocale": mutation({
    expect: SIGNED_IN,
    prepare: nothing,
    run: (c) => c.mail.rememberLocale({ locale: "zh" }),
    check: async (result, cast, _p, who) => {
      expect(result).toEqual({ locale: "zh" });
      const [row] = await db.select().from(userMailSettings).where(eq(userMailSettings.userId, cast.ids[who]!));
      expect(row.locale).toBe("zh");
    },
  }),

  // ------------------------------------------------------------ sso (the admin's list of single sign-on accounts; revoking one)
  "sso.accounts": query({
    expect: outcomes("U F F F F F F F ok F"),
    run: (c) => c.sso.accounts(),
    check: (result) => expect(Array.isArray(result)).toBe(true),
  }),
  "sso.setRevoked": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: async () => {
      const [user] = await db
        .insert(users)
        .values({ email: `sso-${crypto.randomUUID()}@example.test`, name: "SSO matrix" })
        .returning({ id: users.id });
      await db.insert(oidcAccounts).values({ userId: user.id, issuer: "https://idp.example.test", subject: crypto.randomUUID() });
      return { userId: user.id };
    },
    run: (c, _cast, p) => c.sso.setRevoked({ userId: p.userId, revoked: true }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(oidcAccounts).where(eq(oidcAccounts.userId, p.userId));
      expect(row.revokedAt).not.toBeNull();
    },
  }),

  // ------------------------------------------------------------ privacy (each person's own deletion request; the admin's retention settings)
  "privacy.settings": query({
    expect: EVERYONE,
    run: (c) => c.privacy.settings(),
    check: (result) => expect(result).toMatchObject({ commentRetention: "anonymise", graceDays: 14 }),
  }),
  "privacy.status": query({
    expect: SIGNED_IN,
    run: (c) => c.privacy.status(),
    check: (result) => expect(result).toMatchObject({ pending: null, graceDays: 14 }),
  }),
  "privacy.requestErasure": mutation({
    expect: SIGNED_IN,
    prepare: nothing,
    run: (c) => c.privacy.requestErasure(),
    check: async (result, cast, _p, who) => {
      const [row] = await db.select().from(erasureRequests).where(eq(erasureRequests.userId, cast.ids[who]!));
      expect(row.id).toBe(result.id);
      expect(row.dueAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    },
  }),
  "privacy.cancelErasure": mutation({
    expect: SIGNED_IN,
    prepare: async (cast, who) => {
      const userId = cast.ids[who] ?? cast.ids.citizen!;
      await db.insert(erasureRequests).values({ userId, dueAt: new Date(Date.now() + 14 * 86_400_000) });
    },
    run: (c) => c.privacy.cancelErasure(),
    check: async (_result, cast, _p, who) => {
      const [row] = await db.select().from(erasureRequests).where(eq(erasureRequests.userId, cast.ids[who]!));
      expect(row.cancelledAt).not.toBeNull();
    },
  }),
  "privacy.saveSettings": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: nothing,
    run: (c) => c.privacy.saveSettings({ commentRetention: "anonymise", graceDays: 14 }),
    check: (result) => expect(result).toMatchObject({ commentRetention: "anonymise", graceDays: 14 }),
  }),
  "privacy.erasureRequests": query({
    expect: outcomes("U F F F F F F F ok F"),
    run: (c) => c.privacy.erasureRequests(),
    check: (result) => expect(Array.isArray(result)).toBe(true),
  }),
  "privacy.eraseNow": mutation({
    expect: outcomes("U F F F F F F F ok F"),
    prepare: async () => {
      const person = await makeUser(db);
      const [request] = await db
        .insert(erasureRequests)
        .values({ userId: person.id, dueAt: new Date(Date.now() - 1000) })
        .returning();
      return request;
    },
    run: (c, _cast, p) => c.privacy.eraseNow({ requestId: p.id }),
    check: async (result, _cast, p) => {
      expect(result.userId).toBe(p.userId);
      const [user] = await db.select().from(users).where(eq(users.id, p.userId));
      expect(user.name).toBe("Deleted user");
    },
  }),

  // ------------------------------------------------------------ good-practice finder (peers that made the next steps)
  "goodPractice.finder": query({
    expect: outcomes("U N N F F ok ok ok ok F"),
    run: (c, w) => c.goodPractice.finder({ cityId: w.cast.city.id }),
    check: (result, w) => {
      expect(result.city.id).toBe(w.cast.city.id);
      expect(result.assessment?.id).toBe(w.draft.id);
      expect(result.steps.length).toBeGreaterThan(0);
    },
  }),
  "goodPractice.contact": mutation({
    expect: outcomes("U N N F F ok ok F F F"),
    prepare: async () => {
      const target = await makeCity(db);
      await makeAssessment(db, { cityId: target.id, status: "published", cycle: "2024" });
      return { target, leader: await makeMember(db, target.id, "leadership") };
    },
    run: (c, cast, p) =>
      c.goodPractice.contact({ cityId: cast.city.id, targetCityId: p.target.id, body: "Matrix: how did you make this step?" }),
    check: async (result, cast, p, who) => {
      const [message] = await db.select().from(goodPracticeMessages).where(eq(goodPracticeMessages.id, result.id));
      expect(message).toMatchObject({ cityId: p.target.id, senderCityId: cast.city.id, senderId: cast.ids[who] });
      const told = await db.select().from(notifications).where(eq(notifications.userId, p.leader.id));
      expect(told.map((n) => n.kind)).toEqual(["good_practice_message"]);
    },
  }),
  "goodPractice.inbox": mutation({
    expect: outcomes("U N N F F F ok F F F"),
    prepare: async (cast) => {
      const sender = await makeCity(db);
      const [message] = await db
        .insert(goodPracticeMessages)
        .values({
          cityId: cast.city.id,
          senderCityId: sender.id,
          senderId: cast.users.outsider.id,
          senderRole: "leadership",
          body: "Matrix inbox.",
        })
        .returning();
      return message;
    },
    run: (c, cast) => c.goodPractice.inbox({ cityId: cast.city.id }),
    check: (result, _cast, message) => expect(result.items.map((m: { id: string }) => m.id)).toEqual([message.id]),
  }),

  // ------------------------------------------------------------ comments (an internal thread of the draft)
  "comments.list": query({
    expect: outcomes("U N N F ok ok ok ok ok ok"),
    run: (c, w) => c.comments.list(w.thread),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.comment.id),
  }),
  "comments.post": mutation({
    expect: outcomes("U N N F ok ok ok ok ok F"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) =>
      c.comments.post({
        assessmentId: a.id,
        targetType: "characteristic",
        targetKey: "funding",
        visibility: "internal",
        body: "Matrix comment",
      }),
    check: async (result, cast, _a, who) => {
      const [row] = await db.select().from(comments).where(eq(comments.id, result.id));
      expect(row).toMatchObject({ authorId: cast.ids[who], body: "Matrix comment" });
    },
  }),
  // The department's comment: only its author changes it.
  "comments.edit": mutation({
    expect: outcomes("U N N F F ok F F F F"),
    prepare: departmentComment,
    run: (c, _cast, p) => c.comments.edit({ commentId: p.id, body: "Changed" }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(comments).where(eq(comments.id, p.id));
      expect(row.body).toBe("Changed");
    },
  }),
  "comments.delete": mutation({
    expect: outcomes("U N N F F ok F F F F"),
    prepare: departmentComment,
    run: (c, _cast, p) => c.comments.delete({ commentId: p.id }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(comments).where(eq(comments.id, p.id));
      expect(row.deletedAt).not.toBeNull();
    },
  }),

  // ------------------------------------------------------------ consultations and feedback
  "consultations.listOpen": query({
    expect: EVERYONE,
    run: (c, w) => c.consultations.listOpen({ cityId: w.cast.city.id }),
    check: (result, w) => expect(result.items.map((i: { id: string }) => i.id)).toEqual([w.consultation.id]),
  }),
  "consultations.listForCity": query({
    expect: outcomes("U N N F F F ok ok ok F"),
    run: (c, w) => c.consultations.listForCity({ cityId: w.cast.city.id }),
    check: (result, w) => expect(result.items.map((i: { id: string }) => i.id)).toEqual([w.consultation.id]),
  }),
  "consultations.get": query({
    expect: EVERYONE,
    run: (c, w) => c.consultations.get({ consultationId: w.consultation.id }),
    check: (result, w) => expect(result.consultation?.id ?? result.id).toBe(w.consultation.id),
  }),
  "consultations.consultableAssessments": query({
    expect: SIGNED_IN,
    run: (c) => c.consultations.consultableAssessments(),
    check: (result, w, who) => {
      const ids = JSON.stringify(result);
      if (who === "leadership") expect(ids).toContain(w.draft.id);
      else expect(ids).not.toContain(w.draft.id);
    },
  }),
  "consultations.open": mutation({
    expect: outcomes("U N N F F F ok F F F"),
    prepare: assessmentAt("draft"),
    run: (c, _cast, a) => c.consultations.open({ assessmentId: a.id, ...openConsultationInput }),
    check: async (result) => expect(await auditCount("consultation.open", result.id)).toBe(1),
  }),
  "consultations.close": mutation({
    expect: outcomes("U N N F F F ok F F F"),
    prepare: async (cast) => makeConsultation(db, await assessmentAt("draft")(cast), cast.users.leadership.id),
    run: (c, _cast, consultation) => c.consultations.close({ consultationId: consultation.id }),
    check: async (_result, _cast, consultation) => expect(await auditCount("consultation.close", consultation.id)).toBe(1),
  }),
  "consultations.feedback": query({
    expect: EVERYONE,
    run: (c, w) => c.consultations.feedback({ consultationId: w.consultation.id }),
    check: (result, w) => expect(JSON.stringify(result)).toContain(w.feedbackId),
  }),
  "consultations.submitFeedback": mutation({
    expect: outcomes("U ok ok ok ok ok ok ok ok F"),
    prepare: async (cast) => makeConsultation(db, await assessmentAt("draft")(cast), cast.users.leadership.id),
    run: (c, _cast, consultation) =>
      c.consultations.submitFeedback({ consultationId: consultation.id, characteristicKey: "stakeholders", body: "Matrix feedback" }),
    check: async (result, cast, _consultation, who) => {
      const [row] = await db.select().from(feedback).where(eq(feedback.id, result.id));
      expect(row).toMatchObject({ authorId: cast.ids[who], body: "Matrix feedback" });
    },
  }),
  "consultations.support": mutation({
    expect: outcomes("U ok ok ok ok ok ok ok ok ok"),
    prepare: feedbackByAnotherCitizen,
    run: (c, _cast, p) => c.consultations.support({ feedbackId: p.id }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(feedback).where(eq(feedback.id, p.id));
      expect(row.supportCount).toBe(1);
    },
  }),
  "consultations.summary": query({
    expect: outcomes("U N N F F F ok ok ok F"),
    run: (c, w) => c.consultations.summary({ consultationId: w.consultation.id }),
    check: (result) => expect(JSON.stringify(result)).toContain("stakeholders"),
  }),

  // ------------------------------------------------------------ moderation (cross-city)
  "moderation.flag": mutation({
    expect: SIGNED_IN,
    prepare: feedbackByAnotherCitizen,
    run: (c, _cast, p) => c.moderation.flag({ targetType: "feedback", targetId: p.id, reason: "spam" }),
    check: (result) => expect(result).toEqual({ autoHidden: false, flagCount: 1 }),
  }),
  "moderation.queue": query({
    expect: outcomes("U F F F F F F ok ok F"),
    run: (c) => c.moderation.queue({ view: "all" }),
    check: (result) => expect(Array.isArray(result.items)).toBe(true),
  }),
  "moderation.hide": mutation({
    expect: outcomes("U F F F F F F ok ok F"),
    prepare: feedbackByAnotherCitizen,
    run: (c, _cast, p) => c.moderation.hide({ items: [{ targetType: "feedback", targetId: p.id }], reason: "Off topic here." }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(feedback).where(eq(feedback.id, p.id));
      expect(row.moderationState).toBe("hidden");
    },
  }),
  "moderation.restore": mutation({
    expect: outcomes("U F F F F F F ok ok F"),
    prepare: async (cast) => {
      const p = await feedbackByAnotherCitizen(cast);
      await cast.as("admin").moderation.hide({ items: [{ targetType: "feedback", targetId: p.id }], reason: "Off topic here." });
      return p;
    },
    run: (c, _cast, p) => c.moderation.restore({ items: [{ targetType: "feedback", targetId: p.id }] }),
    check: async (_result, _cast, p) => {
      const [row] = await db.select().from(feedback).where(eq(feedback.id, p.id));
      expect(row.moderationState).toBe("ok");
    },
  }),
  "moderation.dismiss": mutation({
    expect: outcomes("U F F F F F F ok ok F"),
    prepare: async (cast) => {
      const p = await feedbackByAnotherCitizen(cast);
      await cast.as("department").moderation.flag({ targetType: "feedback", targetId: p.id, reason: "spam" });
      return p;
    },
    run: (c, _cast, p) => c.moderation.dismiss({ items: [{ targetType: "feedback", targetId: p.id }] }),
    check: async (_result, _cast, p) => expect(await auditCount("feedback.dismiss_flags", p.id)).toBe(1),
  }),
  "moderation.block": mutation({
    expect: outcomes("U F F F F F F ok ok F"),
    prepare: async (cast) => makeMember(db, cast.city.id, "citizen"),
    run: (c, _cast, target) => c.moderation.block({ userIds: [target.id], justification: "Matrix: repeated insults." }),
    check: async (_result, _cast, target) => {
      const [row] = await db.select().from(users).where(eq(users.id, target.id));
      expect(row.postingBlockedAt).not.toBeNull();
    },
  }),
  "moderation.unblock": mutation({
    expect: outcomes("U F F F F F F ok ok F"),
    prepare: nothing,
    run: (c, cast) => c.moderation.unblock({ userId: cast.ids.blocked! }),
    check: async (_result, cast) => {
      const [row] = await db.select().from(users).where(eq(users.id, cast.ids.blocked!));
      expect(row.postingBlockedAt).toBeNull();
    },
  }),
  "moderation.blockedUsers": query({
    expect: outcomes("U F F F F F F ok ok F"),
    run: (c) => c.moderation.blockedUsers({ limit: 100 }),
    check: (result) => expect(result.items.length).toBeGreaterThan(0),
  }),

  // ------------------------------------------------------------ the what-if planner
  "plans.list": query({
    expect: SIGNED_IN,
    run: async (c, w) => {
      await plansOf(w);
      return c.plans.list({ cityId: w.cast.city.id });
    },
    check: async (result, w, who) => {
      const { privatePlan, publishedPlan } = await plansOf(w);
      const ids = result.items.map((p: { id: string }) => p.id);
      expect(ids).toContain(publishedPlan.id);
      expect(ids.includes(privatePlan.id)).toBe(["department", "leadership", "admin"].includes(who));
    },
  }),
  "plans.baseline": query({
    expect: PLAN_WRITERS,
    run: (c, w) => c.plans.baseline({ cityId: w.cast.city.id }),
    check: (result, w) => expect(result.assessment?.id).toBe(w.draft.id),
  }),
  "plans.get": query({
    expect: PLAN_READERS,
    run: async (c, w) => c.plans.get({ planId: (await plansOf(w)).privatePlan.id }),
    check: (result) => expect(result.plan.name).toBe("Matrix: ICT first"),
  }),
  "plans.compare": query({
    expect: PLAN_READERS,
    run: async (c, w) => {
      const { privatePlan, otherPlan } = await plansOf(w);
      return c.plans.compare({ planId: privatePlan.id, otherPlanId: otherPlan.id });
    },
    check: (result) =>
      expect(result.plans.map((p: { plan: { name: string } }) => p.plan.name)).toEqual(["Matrix: ICT first", "Matrix: governance first"]),
  }),
  "plans.planVsActual": query({
    expect: PLAN_READERS,
    run: async (c, w) => c.plans.planVsActual({ planId: (await plansOf(w)).privatePlan.id }),
    check: (result) => expect(result.plan.targetCycle).toBe("2030"),
  }),
  "plans.create": mutation({
    expect: PLAN_WRITERS,
    prepare: planBase,
    run: (c, cast) => c.plans.create({ cityId: cast.city.id, ...planInput("Matrix: new plan") }),
    check: async (result) => {
      expect(result.name).toBe("Matrix: new plan");
      expect(await auditCount("plan.create", result.id)).toBe(1);
    },
  }),
  "plans.update": mutation({
    expect: PLAN_WRITERS,
    prepare: planOf,
    run: (c, _cast, plan) => c.plans.update({ planId: plan.id, ...planInput("Matrix: renamed"), expectedVersion: plan.version }),
    check: (result) => expect(result).toMatchObject({ name: "Matrix: renamed", version: 2 }),
  }),
  "plans.delete": mutation({
    expect: PLAN_WRITERS,
    prepare: planOf,
    run: (c, _cast, plan) => c.plans.delete({ planId: plan.id }),
    check: async (result) => expect(await auditCount("plan.delete", result.id)).toBe(1),
  }),
  "plans.publish": mutation({
    expect: outcomes("U N N F F F ok F F F"),
    prepare: planOf,
    run: (c, _cast, plan) => c.plans.publish({ planId: plan.id }),
    check: async (result) => {
      expect(result.publishedAt).toBeInstanceOf(Date);
      expect(await auditCount("plan.publish", result.id)).toBe(1);
    },
  }),
  "plans.unpublish": mutation({
    expect: outcomes("U N N F F F ok F F F"),
    prepare: async (cast) => {
      const plan = await planOf(cast);
      return cast.as("leadership").plans.publish({ planId: plan.id });
    },
    run: (c, _cast, plan) => c.plans.unpublish({ planId: plan.id }),
    check: async (result) => {
      expect(result.publishedAt).toBeNull();
      expect(await auditCount("plan.unpublish", result.id)).toBe(1);
    },
  }),

  // ------------------------------------------------------------ the KPI register
  "kpis.list": query({
    expect: KPI_READERS,
    run: async (c, w) => {
      await kpiOfWorld(w);
      return c.kpis.list({ cityId: w.cast.city.id });
    },
    check: async (result, w) => expect(result.items.map((k: { id: string }) => k.id)).toContain((await kpiOfWorld(w)).id),
  }),
  "kpis.get": query({
    expect: KPI_READERS,
    run: async (c, w) => c.kpis.get({ kpiId: (await kpiOfWorld(w)).id }),
    check: (result) => expect(result.kpi.indicatorKey).toBe("energy.renewable_share"),
  }),
  "kpis.linkable": query({
    expect: KPI_READERS,
    run: async (c, w) => {
      await kpiOfWorld(w);
      return c.kpis.linkable({ assessmentId: w.draft.id });
    },
    check: async (result, w) => expect(result.map((k: { id: string }) => k.id)).toContain((await kpiOfWorld(w)).id),
  }),
  "kpis.owners": query({
    expect: KPI_WRITERS,
    run: (c, w) => c.kpis.owners({ cityId: w.cast.city.id }),
    check: (result, w) => expect(result.map((o: { userId: string }) => o.userId)).toContain(w.cast.users.department.id),
  }),
  "kpis.csvTargets": query({
    expect: KPI_WRITERS,
    run: async (c, w) => {
      await kpiOfWorld(w);
      return c.kpis.csvTargets({ cityId: w.cast.city.id });
    },
    check: (result) => expect(result.map((t: { reference: string }) => t.reference)).toContain("energy.renewable_share"),
  }),
  "kpis.create": mutation({
    expect: KPI_WRITERS,
    prepare: nothing,
    run: (c, cast) => c.kpis.create({ cityId: cast.city.id, kpi: kpiInput(cast.users.department.id) }),
    check: async (result) => {
      expect(result.indicatorKey).toBe("energy.renewable_share");
      expect(await auditCount("kpi.create", result.id)).toBe(1);
    },
  }),
  "kpis.update": mutation({
    expect: KPI_WRITERS,
    prepare: kpiOf,
    run: (c, cast, kpi) =>
      c.kpis.update({ kpiId: kpi.id, version: kpi.version, kpi: { ...kpiInput(cast.users.department.id), targetValue: 40 } }),
    check: (result) => expect(result).toMatchObject({ targetValue: 40, version: 2 }),
  }),
  "kpis.archive": mutation({
    expect: KPI_WRITERS,
    prepare: kpiOf,
    run: (c, _cast, kpi) => c.kpis.archive({ kpiId: kpi.id, version: kpi.version }),
    check: async (result) => {
      expect(result.archivedAt).toBeInstanceOf(Date);
      expect(await auditCount("kpi.archive", result.id)).toBe(1);
    },
  }),
  "kpis.addMeasurement": mutation({
    expect: KPI_WRITERS,
    prepare: kpiOf,
    run: (c, _cast, kpi) => c.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2024", value: 18 }),
    check: (result) => expect(result).toMatchObject({ latestValue: 18, latestMeasuredOn: "2024-12-31" }),
  }),
  "kpis.deleteMeasurement": mutation({
    expect: KPI_WRITERS,
    prepare: async (cast) => {
      const kpi = await kpiOf(cast);
      await cast.as("leadership").kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2024", value: 18 });
      const detail = await cast.as("leadership").kpis.get({ kpiId: kpi.id });
      return { kpi, measurementId: detail.measurements[0].id };
    },
    run: (c, _cast, p) => c.kpis.deleteMeasurement({ kpiId: p.kpi.id, measurementId: p.measurementId }),
    check: (result) => expect(result.latestValue).toBeNull(),
  }),
  "kpis.importCsv": mutation({
    expect: KPI_WRITERS,
    prepare: kpiOf,
    run: (c, cast) =>
      c.kpis.importCsv({ cityId: cast.city.id, filename: "m.csv", csv: "kpi,period,value\nenergy.renewable_share,2024,18\n" }),
    check: (result) => expect(result).toMatchObject({ written: 1, errors: [] }),
  }),
};

function kpiInput(ownerId: string) {
  return { indicatorKey: "energy.renewable_share", baselineValue: 10, baselineYear: 2020, targetValue: 30, targetYear: 2030, ownerId };
}

/** A KPI of the cast's city owned by its department member, made by its leadership. */
async function kpiOf(cast: Cast) {
  return cast.as("leadership").kpis.create({ cityId: cast.city.id, kpi: kpiInput(cast.users.department.id) });
}

let worldKpi: Promise<{ id: string }> | undefined;
function kpiOfWorld(w: World) {
  worldKpi ??= kpiOf(w.cast);
  return worldKpi;
}

function planInput(name: string) {
  return { name, description: "", targetCycle: "2030", criteria: [{ criterionKey: FUNDING_CRITERION, ownerId: null }] };
}

/** A draft to plan from, in the cast's city. */
async function planBase(cast: Cast) {
  return makeAssessment(db, { cityId: cast.city.id, status: "draft" });
}

/** A private plan of the cast's city, made by its leadership. */
async function planOf(cast: Cast) {
  await planBase(cast);
  return cast.as("leadership").plans.create({ cityId: cast.city.id, ...planInput("Matrix: plan") });
}

/** The world's plans (made once): two private ones and a published one. */
let worldPlans: Promise<{ privatePlan: { id: string }; otherPlan: { id: string }; publishedPlan: { id: string } }> | undefined;
function plansOf(w: World) {
  worldPlans ??= (async () => {
    const lead = w.cast.as("leadership");
    const privatePlan = await lead.plans.create({ cityId: w.cast.city.id, ...planInput("Matrix: ICT first") });
    const otherPlan = await lead.plans.create({ cityId: w.cast.city.id, ...planInput("Matrix: governance first") });
    const publishedPlan = await lead.plans.create({ cityId: w.cast.city.id, ...planInput("Matrix: published") });
    await lead.plans.publish({ planId: publishedPlan.id });
    return { privatePlan, otherPlan, publishedPlan };
  })();
  return worldPlans;
}

async function departmentComment(cast: Cast) {
  const draft = await assessmentAt("draft")(cast);
  return cast.as("department").comments.post({
    assessmentId: draft.id,
    targetType: "characteristic",
    targetKey: "funding",
    visibility: "internal",
    body: "Department note",
  });
}

/** Feedback on an open consultation by a citizen who is none of the callers. */
async function feedbackByAnotherCitizen(cast: Cast) {
  const consultation = await makeConsultation(db, await assessmentAt("draft")(cast), cast.users.leadership.id);
  const author = await makeMember(db, cast.city.id, "citizen");
  return callerFor(db, author.id).consultations.submitFeedback({
    consultationId: consultation.id,
    characteristicKey: "stakeholders",
    body: "Ask us earlier.",
  });
}

// ---------------------------------------------------------------- the tests

let world: World;
beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
  world = await makeWorld();
});
afterAll(() => h.close());

async function freshFixture(row: MutationRow, who: Who) {
  const cast = await makeCast();
  return { cast, prepared: await row.prepare(cast, who) };
}
const refusalFixtures = new Map<string, ReturnType<typeof freshFixture>>();
function refusalFixture(path: string, row: MutationRow, who: Who) {
  if (!refusalFixtures.has(path)) refusalFixtures.set(path, freshFixture(row, who));
  return refusalFixtures.get(path)!;
}

describe("authorization matrix", () => {
  it("has a row for every procedure of appRouter, and no row for a procedure that does not exist", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  for (const [path, row] of Object.entries(MATRIX)) {
    describe(path, () => {
      for (const who of WHO) {
        const expected = row.expect[who];
        it(`${expected === "ok" ? "allows" : "refuses"} ${who}${expected === "ok" ? "" : ` (${expected})`}`, async () => {
          if ("mutation" in row) {
            // An allowed write gets rows of its own; refusals change nothing, so a row's refusals share one fixture.
            const { cast, prepared } = expected === "ok" ? await freshFixture(row, who) : await refusalFixture(path, row, who);
            const caller = cast.as(who);
            if (expected === "ok") await row.check(await row.run(caller, cast, prepared, who), cast, prepared, who);
            else expect(await outcomeOf(row.run(caller, cast, prepared, who))).toBe(expected);
          } else {
            const caller = world.cast.as(who);
            if (expected === "ok") await row.check(await row.run(caller, world, who), world, who);
            else expect(await outcomeOf(row.run(caller, world, who))).toBe(expected);
          }
        });
      }
    });
  }
});
