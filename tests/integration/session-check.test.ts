import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { users } from "@/db/schema/identity";
import { createCaller } from "@/server/api/root-router";
import { endAllSessions } from "@/server/auth/session-version";
import { makeAssessment, makeCastWithAssessment } from "../helpers/factories";
import { createQueryCounter, type QueryCounter } from "../helpers/query-counter";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

/**
 * A request's session cookie only claims a user: the procedures check it against the user's current
 * session version. The builders fold that check into the role read they make anyway, so an
 * authenticated call reads the user once; a session ended since (sign-out, block, revocation) is
 * refused by every kind of procedure, and the open data reads no session at all.
 */

let h: DatabaseHandle;
let counter: QueryCounter;

beforeAll(async () => {
  h = await createTestDb();
  counter = createQueryCounter(h);
});
afterAll(() => h.close());

async function sessionVersionOf(db: Db, userId: string) {
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row.v;
}

/** A caller as the HTTP handler builds it: the cookie's user and session version, not yet checked. */
async function cookieCaller(db: Db, userId: string, sessionVersion?: number) {
  return createCaller({ db, userId, sessionVersion: sessionVersion ?? (await sessionVersionOf(h.db, userId)), clientIp: "127.0.0.1" });
}

const readsOfUsers = (statements: string[]) => statements.filter((s) => /(from|join) "users"/.test(s)).length;

describe("the session check of a tRPC call", () => {
  it("reads the user once per authenticated call: the session version rides on the role read", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db);
    const expert = await cookieCaller(counter.db, cast.users.expert.id);
    const leadership = await cookieCaller(counter.db, cast.users.leadership.id);
    const calls: (() => Promise<unknown>)[] = [
      () => expert.review.queue({}), // globalProcedure
      () => expert.review.panel({ assessmentId: assessment.id, characteristicKey: "funding" }), // assessmentProcedure
      () => leadership.workflow.leadershipDashboard({ cityId: cast.city.id }), // cityProcedure
    ];
    const trustedExpert = createCaller({ db: counter.db, userId: cast.users.expert.id, clientIp: null });
    const trustedLeadership = createCaller({ db: counter.db, userId: cast.users.leadership.id, clientIp: null });
    const trustedCalls: (() => Promise<unknown>)[] = [
      () => trustedExpert.review.queue({}),
      () => trustedExpert.review.panel({ assessmentId: assessment.id, characteristicKey: "funding" }),
      () => trustedLeadership.workflow.leadershipDashboard({ cityId: cast.city.id }),
    ];
    for (const [i, call] of calls.entries()) {
      const { statements } = await counter.measure(call);
      // One statement checks the session version, and it is one the call makes anyway: the same
      // count as a caller whose user is already known.
      expect(
        statements.filter((s) => /"session_version" = /.test(s)),
        statements.join("\n"),
      ).toHaveLength(1);
      expect(statements.length).toBe((await counter.measure(trustedCalls[i])).count);
    }
  });

  it("makes the same number of statements as an in-process caller whose user is already known", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db);
    const withCookie = await cookieCaller(counter.db, cast.users.expert.id);
    const trusted = createCaller({ db: counter.db, userId: cast.users.expert.id, clientIp: null });
    const input = { assessmentId: assessment.id, characteristicKey: "funding" as const };
    const a = await counter.measure(() => withCookie.review.panel(input));
    const b = await counter.measure(() => trusted.review.panel(input));
    expect(a.count).toBe(b.count);
  });

  it("refuses a session ended since (sign-out, block, revocation) on every kind of procedure", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db);
    const stale = {
      expert: await cookieCaller(h.db, cast.users.expert.id),
      leadership: await cookieCaller(h.db, cast.users.leadership.id),
      citizen: await cookieCaller(h.db, cast.users.citizen.id),
    };
    for (const user of [cast.users.expert, cast.users.leadership, cast.users.citizen]) await endAllSessions(h.db, user.id);
    await expectTrpcError(stale.expert.review.queue({}), "UNAUTHORIZED");
    await expectTrpcError(stale.expert.review.panel({ assessmentId: assessment.id, characteristicKey: "funding" }), "UNAUTHORIZED");
    await expectTrpcError(
      stale.expert.review.saveJudgement({
        assessmentId: assessment.id,
        criterionKey: "funding.basic.1",
        judgement: "met",
        expectedVersion: null,
      }),
      "UNAUTHORIZED",
    );
    await expectTrpcError(stale.leadership.workflow.leadershipDashboard({ cityId: cast.city.id }), "UNAUTHORIZED");
    await expectTrpcError(stale.citizen.notifications.unreadCount(), "UNAUTHORIZED");
    // A resource that does not exist says nothing to an ended session either.
    await expectTrpcError(stale.expert.review.panel({ assessmentId: randomUUID(), characteristicKey: "funding" }), "UNAUTHORIZED");
    // Procedures open to anonymous callers treat the ended session as no session: the internal
    // discussion asks for a sign-in again.
    await expectTrpcError(
      stale.citizen.comments.list({
        assessmentId: assessment.id,
        targetType: "assessment",
        targetKey: assessment.id,
        visibility: "internal",
        limit: 20,
      }),
      "UNAUTHORIZED",
    );
  });

  it("still answers NOT_FOUND to a current session for a resource that does not exist", async () => {
    const { cast } = await makeCastWithAssessment(h.db);
    const expert = await cookieCaller(h.db, cast.users.expert.id);
    await expectTrpcError(expert.review.panel({ assessmentId: randomUUID(), characteristicKey: "funding" }), "NOT_FOUND");
  });

  it("checks the session once per request, however many procedures the request calls", async () => {
    const { cast } = await makeCastWithAssessment(h.db);
    const citizen = await cookieCaller(counter.db, cast.users.citizen.id);
    const { statements } = await counter.measure(async () => {
      await citizen.notifications.unreadCount();
      await citizen.accounts.me();
      await citizen.notifications.list({});
    });
    expect(statements.filter((s) => /"session_version" = /.test(s))).toHaveLength(1);
  });

  it("reads no session for the open data, even with a cookie", async () => {
    const { cast } = await makeCastWithAssessment(h.db);
    const published = await makeAssessment(h.db, { cityId: cast.otherCity.id, status: "published" });
    const caller = await cookieCaller(counter.db, cast.users.citizen.id);
    const { statements } = await counter.measure(() => caller.public.assessment({ id: published.id }));
    expect(readsOfUsers(statements)).toBe(0);
  });
});
