import { randomUUID } from "node:crypto";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { cities, memberships, users } from "@/db/schema/identity";
import { consultations } from "@/db/schema/participation";
import { createCaller } from "@/server/api/root-router";
import { hashPassword } from "@/server/auth/passwords";
import { type Action, PERMISSIONS, type Role } from "@/server/auth/permissions";
import { slugifyCityName } from "@/server/cities/city-slug";
import { currentFramework } from "@/server/scoring/framework-registry";
import { judgementsForLevel } from "@/server/seed/reference-assessments";
import type { AssessmentStatus, CharacteristicKey, CityRole, EvidenceStatus, GlobalRole, LevelOrNotAssessed } from "@/shared/domain-values";

/*
 * The one set of test factories. Each makes unique rows, so test files share one database
 * without resetting it. Rows are inserted directly: the code under test is exercised through
 * callers (`callerFor`), not through these.
 */

// ---------------------------------------------------------------- cities, users, memberships

export async function makeCity(db: Db, overrides: Partial<typeof cities.$inferInsert> = {}) {
  const name = overrides.name ?? `Testville ${randomUUID().slice(0, 8)}`;
  const [city] = await db
    .insert(cities)
    .values({ name, slug: slugifyCityName(name), country: "Testland", region: "EU", ...overrides })
    .returning();
  return city;
}

export type UserOptions = {
  globalRole?: GlobalRole;
  name?: string;
  email?: string;
  /** A real argon2 hash of this password, for tests that sign in with it. */
  password?: string;
};

export async function makeUser(db: Db, options: UserOptions = {}) {
  const id = randomUUID().slice(0, 8);
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `user-${id}@example.test`,
      name: options.name ?? `User ${id}`,
      // Without a password, not a valid argon2 hash on purpose: such users act through callers.
      passwordHash: options.password === undefined ? "x" : await hashPassword(options.password),
      globalRole: options.globalRole ?? null,
    })
    .returning();
  return user;
}

export type MembershipExtra = { departmentName?: string; organisation?: string };

/** Gives an existing user a role in a city (department and partner get a default unit name). */
export async function addMembership(db: Db, cityId: string, userId: string, role: CityRole, extra: MembershipExtra = {}) {
  const [membership] = await db
    .insert(memberships)
    .values({
      cityId,
      userId,
      role,
      departmentName: extra.departmentName ?? (role === "department" ? "Test Department" : null),
      organisation: extra.organisation ?? (role === "partner" ? "Test Partner Ltd" : null),
    })
    .returning();
  return membership;
}

/** A new user who is a member of the city in `role`. */
export async function makeMember(db: Db, cityId: string, role: CityRole, extra: MembershipExtra = {}) {
  const user = await makeUser(db);
  await addMembership(db, cityId, user.id, role, extra);
  return user;
}

/** A tRPC caller acting as `userId` (null: anonymous), with the same middleware as over HTTP. */
export function callerFor(db: Db, userId: string | null, clientIp = "127.0.0.1") {
  return createCaller({ db, userId, clientIp });
}

// ---------------------------------------------------------------- the cast and the role matrix

/** One user per role for a city, plus an outsider (member of another city) and the global roles. */
export async function makeCityCast(db: Db, cityOverrides: Partial<typeof cities.$inferInsert> = {}) {
  const city = await makeCity(db, cityOverrides);
  const otherCity = await makeCity(db);
  const [leadership, department, partner, citizen, outsider, expert, admin, signedIn] = await Promise.all([
    makeMember(db, city.id, "leadership"),
    makeMember(db, city.id, "department"),
    makeMember(db, city.id, "partner"),
    makeMember(db, city.id, "citizen"),
    makeMember(db, otherCity.id, "leadership"),
    makeUser(db, { globalRole: "expert" }),
    makeUser(db, { globalRole: "admin" }),
    makeUser(db),
  ]);
  return { city, otherCity, users: { leadership, department, partner, citizen, outsider, expert, admin, signedIn } };
}
export type CityCast = Awaited<ReturnType<typeof makeCityCast>>;
/** Every caller identity the authorization matrices run through. */
export const CAST_IDENTITIES = [
  "anonymous",
  "signedIn",
  "outsider",
  "citizen",
  "partner",
  "department",
  "leadership",
  "expert",
  "admin",
] as const;
export type CastIdentity = (typeof CAST_IDENTITIES)[number];
export function castUserId(cast: CityCast, who: CastIdentity): string | null {
  return who === "anonymous" ? null : cast.users[who].id;
}
/** A caller acting as one identity of the cast. */
export function castCaller(db: Db, cast: CityCast, who: CastIdentity) {
  return callerFor(db, castUserId(cast, who));
}

/** The effective role each cast identity has in the cast's city (null: not a member). */
export const ROLE_OF: Record<CastIdentity, Role | null> = {
  anonymous: null,
  signedIn: null,
  outsider: null,
  citizen: "citizen",
  partner: "partner",
  department: "department",
  leadership: "leadership",
  expert: "expert",
  admin: "admin",
};

export type ExpectedOutcome = "ok" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN";
/**
 * What a city-scoped procedure guarded by `action` answers each identity: anonymous callers are
 * unauthorized, non-members do not see the city (NOT_FOUND), members and global roles get "ok"
 * when the permission table lists their role, else FORBIDDEN.
 */
export function expectedOutcome(who: CastIdentity, action: Action): ExpectedOutcome {
  const role = ROLE_OF[who];
  if (who === "anonymous") return "UNAUTHORIZED";
  if (role === null) return "NOT_FOUND";
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role) ? "ok" : "FORBIDDEN";
}

// ---------------------------------------------------------------- assessments

export type LevelsInput = Partial<Record<CharacteristicKey, LevelOrNotAssessed>>;

/** The forward path; the factory walks it with plain updates, which the lifecycle trigger allows. */
const FORWARD: AssessmentStatus[] = ["draft", "in_review", "rated", "approved", "published"];

export type AssessmentOptions = {
  cityId: string;
  /** Default "draft". */
  status?: AssessmentStatus;
  /** Default a unique `cycle-…`. */
  cycle?: string;
  /** Criterion judgements that make the scoring core derive these levels (unlisted characteristics: not judged). */
  levels?: LevelsInput;
  /** Judge the first criterion of each rateable characteristic "met" (for carry-over tests). */
  judged?: boolean;
  /** Rate every rateable characteristic "basic" with a justification. Default false. */
  rated?: boolean;
  /** Evidence items to create, by status, on "funding" by `authorId` as a department member. Default none. */
  evidence?: Partial<Record<EvidenceStatus, number>>;
  authorId?: string;
  illustrative?: boolean;
  createdAt?: Date;
  updatedAt?: Date | SQL;
  /** Default now, when the status is published. */
  publishedAt?: Date;
};

/**
 * The preconditions of every next workflow step: one accepted evidence item and every rateable
 * characteristic rated. Spread into the options: `{ ...READY, cityId, status, authorId }`.
 */
export const READY = { evidence: { accepted: 1 }, rated: true } as const satisfies Partial<AssessmentOptions>;

/**
 * An assessment of `cityId` in `status` with the given children. It is inserted in that status
 * (approval round and publication date as the workflow would have left them), except that a
 * published one with children is inserted approved and published after them, because a published
 * assessment is frozen. A city may have one open (unpublished) assessment.
 */
export async function makeAssessment(db: Db, options: AssessmentOptions) {
  const framework = currentFramework();
  const { cityId } = options;
  const target = options.status ?? "draft";
  const hasChildren = Boolean(
    Object.keys(options.evidence ?? {}).length || Object.keys(options.levels ?? {}).length || options.judged || options.rated,
  );
  const insertAs = target === "published" && hasChildren ? "approved" : target;
  const [created] = await db
    .insert(assessments)
    .values({
      cityId,
      cycle: options.cycle ?? `cycle-${randomUUID().slice(0, 8)}`,
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      status: insertAs,
      // One round per status change, as the workflow counts them (a draft is in round 1).
      approvalRound: FORWARD.indexOf(insertAs) + 1,
      isIllustrative: options.illustrative ?? false,
      ...(insertAs === "published" ? { publishedAt: options.publishedAt ?? new Date() } : {}),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      ...(options.updatedAt ? { updatedAt: options.updatedAt } : {}),
    })
    .returning();
  const assessmentId = created.id;

  const evidenceCounts = Object.entries(options.evidence ?? {}) as [EvidenceStatus, number][];
  if (evidenceCounts.length && !options.authorId) throw new Error("makeAssessment: evidence needs an authorId");
  for (const [status, n] of evidenceCounts) {
    for (let i = 0; i < n; i++) {
      await makeEvidence(db, { cityId, assessmentId, authorId: options.authorId!, status, title: `Evidence ${status} ${i + 1}` });
    }
  }

  const levels = Object.entries(options.levels ?? {}) as [CharacteristicKey, LevelOrNotAssessed][];
  const judgements: (typeof criterionJudgements.$inferInsert)[] = levels.flatMap(([key, level]) =>
    judgementsForLevel(framework, key, level).map((j) => ({ ...j, cityId, assessmentId })),
  );
  if (options.judged) {
    for (const c of framework.characteristics.filter((c) => c.rateable)) {
      judgements.push({
        cityId,
        assessmentId,
        characteristicKey: c.key,
        criterionKey: c.criteria[0].key,
        judgement: "met",
        note: "From the first cycle",
      });
    }
  }
  if (judgements.length) await db.insert(criterionJudgements).values(judgements);

  const ratings: (typeof characteristicRatings.$inferInsert)[] = levels
    .filter(([, level]) => level === "not_assessed")
    .map(([characteristicKey]) => ({
      cityId,
      assessmentId,
      characteristicKey,
      level: "not_assessed",
      justification: "Not assessed this cycle.",
    }));
  if (options.rated) {
    for (const c of framework.characteristics.filter((c) => c.rateable)) {
      ratings.push({ cityId, assessmentId, characteristicKey: c.key, level: "basic", justification: "Seen in the accepted evidence." });
    }
  }
  if (ratings.length) await db.insert(characteristicRatings).values(ratings);

  if (insertAs !== target) await moveAssessmentTo(db, assessmentId, target, { publishedAt: options.publishedAt });
  const [row] = await db.select().from(assessments).where(eq(assessments.id, assessmentId));
  return row;
}
export type Assessment = Awaited<ReturnType<typeof makeAssessment>>;

/** Walks an assessment forward from its current status to `target`, with plain updates. */
export async function moveAssessmentTo(db: Db, assessmentId: string, target: AssessmentStatus, options: { publishedAt?: Date } = {}) {
  const from = await statusOf(db, assessmentId);
  for (const status of FORWARD.slice(FORWARD.indexOf(from!) + 1, FORWARD.indexOf(target) + 1)) {
    await db
      .update(assessments)
      .set({
        status,
        approvalRound: sql`${assessments.approvalRound} + 1`,
        ...(status === "published" ? { publishedAt: options.publishedAt ?? new Date() } : {}),
      })
      .where(eq(assessments.id, assessmentId));
  }
}

export async function statusOf(db: Db, assessmentId: string) {
  const [row] = await db.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId));
  return row?.status;
}

/** Unpublishing as the workflow does it: back to approved, with the withdrawal date and reason. */
export async function withdrawPublished(db: Db, assessmentId: string, reason = "Data error found after publication.") {
  await db
    .update(assessments)
    .set({ status: "approved", withdrawnAt: new Date(), withdrawnReason: reason })
    .where(eq(assessments.id, assessmentId));
}

/** A fresh cast whose city has one assessment (evidence by the cast's department member). */
export async function makeCastWithAssessment(
  db: Db,
  options: Omit<AssessmentOptions, "cityId"> & { city?: Partial<typeof cities.$inferInsert> } = {},
) {
  const { city, ...assessmentOptions } = options;
  const cast = await makeCityCast(db, city);
  const assessment = await makeAssessment(db, { authorId: cast.users.department.id, ...assessmentOptions, cityId: cast.city.id });
  return { cast, assessment };
}

// ---------------------------------------------------------------- evidence and consultations

export async function makeEvidence(
  db: Db,
  options: {
    cityId: string;
    assessmentId: string;
    authorId: string;
    authorRole?: string;
    status?: EvidenceStatus;
    title?: string;
    /** The narrative's answer (its first revision's payload). */
    answer?: string;
  },
) {
  const title = options.title ?? `Evidence ${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(evidence)
    .values({
      cityId: options.cityId,
      assessmentId: options.assessmentId,
      characteristicKey: "funding",
      kind: "narrative",
      status: options.status ?? "submitted",
      authorId: options.authorId,
      authorRole: options.authorRole ?? "department",
      title,
    })
    .returning();
  // As the app does (server/evidence/evidence-submissions.ts): every evidence has its first revision.
  await db.insert(evidenceRevisions).values({
    cityId: options.cityId,
    evidenceId: row.id,
    revision: 1,
    title,
    payload: { questionKey: "funding", answer: options.answer ?? "The city answers this question in its strategy document." },
    createdBy: options.authorId,
  });
  return row;
}

/** A consultation row; `closesAt` in the past makes a closed one. */
export async function makeConsultation(
  db: Db,
  a: { id: string; cityId: string },
  createdBy: string,
  options: { characteristicKeys?: CharacteristicKey[]; closesAt?: Date; closedAt?: Date | null } = {},
) {
  const [row] = await db
    .insert(consultations)
    .values({
      cityId: a.cityId,
      assessmentId: a.id,
      question: "How well does the city involve you in designing services?",
      summary: "The city is assessing how it works with residents and partners. Tell us what you see.",
      characteristicKeys: options.characteristicKeys ?? ["stakeholders", "smart_city_services"],
      closesAt: options.closesAt ?? new Date(Date.now() + 7 * 86_400_000),
      closedAt: options.closedAt ?? null,
      createdBy,
    })
    .returning();
  return row;
}

/** A date `days` from today as yyyy-mm-dd. */
export function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
