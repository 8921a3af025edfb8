import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { chainKeyFor, hashAuditRow, recordAuditEvent, verifyAuditChain } from "@/server/audit/audit-trail";
import { parseVerifyArgs, runAuditVerify } from "@/server/audit/verify-command";
import { CAST_IDENTITIES, callerFor, castUserId, expectedOutcome, makeCastWithAssessment, READY } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** A chain of `n` events on a fresh assessment-like id (the chain does not need the row to exist). */
async function makeChain(n: number) {
  const assessmentId = crypto.randomUUID();
  for (let i = 0; i < n; i++) {
    await h.db.transaction((tx) =>
      recordAuditEvent(tx, {
        actorId: null,
        actorRole: "expert",
        action: "evidence.review",
        entityType: "evidence",
        entityId: `e-${i}`,
        assessmentId,
        before: { status: "submitted", note: null },
        after: {
          status: i % 2 ? "accepted" : "changes_requested",
          note: `Schön — 审查 ${i}`,
          nested: { list: [1, 2.5, "x"], at: new Date(0) },
        },
        reason: i === 0 ? null : `reason ${i}`,
      }),
    );
  }
  const rows = await h.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, chainKeyFor({ assessmentId })))
    .orderBy(asc(auditEvents.id));
  return { assessmentId, chainKey: chainKeyFor({ assessmentId }), rows };
}

/** The way an attacker with table-owner rights would do it: switch the guard off, change, switch on. */
async function tamper(statement: ReturnType<typeof sql>) {
  await h.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
  try {
    await h.db.execute(statement);
  } finally {
    await h.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  }
}

describe("the audit trail is append-only in the database", () => {
  it("refuses to update a row", async () => {
    const { rows } = await makeChain(2);
    await expect(h.db.execute(sql`update audit_events set reason = 'rewritten' where id = ${rows[0].id}`)).rejects.toThrow();
    await expect(h.db.update(auditEvents).set({ actorRole: "admin" }).where(eq(auditEvents.id, rows[1].id))).rejects.toThrow();
    const [row] = await h.db.select().from(auditEvents).where(eq(auditEvents.id, rows[0].id));
    expect(row.reason).toBeNull();
  });

  it("refuses to delete a row", async () => {
    const { rows, chainKey } = await makeChain(2);
    await expect(h.db.delete(auditEvents).where(eq(auditEvents.id, rows[0].id))).rejects.toThrow();
    expect(await h.db.select().from(auditEvents).where(eq(auditEvents.chainKey, chainKey))).toHaveLength(2);
  });

  it("refuses to truncate the table", async () => {
    await makeChain(1);
    await expect(h.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from audit_events`));
    expect(n).toBeGreaterThan(0);
  });

  it("stores before and after as JSON objects, not as strings", async () => {
    const { rows } = await makeChain(1);
    const [typed] = rowsOf<{ t: string }>(
      await h.db.execute(sql`select jsonb_typeof(after) as t from audit_events where id = ${rows[0].id}`),
    );
    expect(typed.t).toBe("object");
  });
});

describe("the hash chain", () => {
  it("verifies an intact chain, unicode, nested values and dates included", async () => {
    const { chainKey, rows } = await makeChain(5);
    expect(rows[0].prevHash).toBeNull();
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(await verifyAuditChain(h.db, chainKey)).toEqual({ ok: true, chainKey, checked: 5 });
  });

  it("detects a row changed directly in the database and names it", async () => {
    const { chainKey, rows } = await makeChain(5);
    await tamper(sql`update audit_events set after = jsonb_set(after, '{status}', '"accepted"') where id = ${rows[2].id}`);
    expect(await verifyAuditChain(h.db, chainKey)).toEqual({
      ok: false,
      chainKey,
      checked: 2,
      total: 5,
      brokenAtId: rows[2].id,
      problem: "hash_mismatch",
      breaks: [{ id: rows[2].id, problem: "hash_mismatch" }],
      breakCount: 1,
    });
  });

  it("reports every broken row of a chain, not only the first", async () => {
    const { chainKey, rows } = await makeChain(6);
    await tamper(sql`update audit_events set reason = 'rewritten' where id = ${rows[1].id}`);
    await tamper(sql`update audit_events set actor_role = 'admin' where id = ${rows[4].id}`);
    expect(await verifyAuditChain(h.db, chainKey)).toMatchObject({
      ok: false,
      checked: 1,
      total: 6,
      brokenAtId: rows[1].id,
      breaks: [
        { id: rows[1].id, problem: "hash_mismatch" },
        { id: rows[4].id, problem: "hash_mismatch" },
      ],
      breakCount: 2,
    });
  });

  it("after a removed row, still finds a later changed row", async () => {
    const { chainKey, rows } = await makeChain(5);
    await tamper(sql`delete from audit_events where id = ${rows[1].id}`);
    await tamper(sql`update audit_events set reason = 'rewritten' where id = ${rows[3].id}`);
    expect(await verifyAuditChain(h.db, chainKey)).toMatchObject({
      ok: false,
      breaks: [
        { id: rows[2].id, problem: "prev_hash_mismatch" },
        { id: rows[3].id, problem: "hash_mismatch" },
      ],
      breakCount: 2,
    });
  });

  it("detects a changed row whose hash was recomputed, at the next link", async () => {
    const { chainKey, rows } = await makeChain(4);
    const forged = { ...rows[1], reason: "forged" };
    const { id: _id, hash: _hash, ...fields } = forged;
    await tamper(sql`update audit_events set reason = 'forged', hash = ${hashAuditRow(fields)} where id = ${rows[1].id}`);
    expect(await verifyAuditChain(h.db, chainKey)).toMatchObject({ ok: false, brokenAtId: rows[2].id, problem: "prev_hash_mismatch" });
  });

  it("detects a removed row", async () => {
    const { chainKey, rows } = await makeChain(4);
    await tamper(sql`delete from audit_events where id = ${rows[1].id}`);
    expect(await verifyAuditChain(h.db, chainKey)).toMatchObject({ ok: false, brokenAtId: rows[2].id, problem: "prev_hash_mismatch" });
  });

  it("keeps one unbroken chain when many writers append at once", async () => {
    const assessmentId = crypto.randomUUID();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.db.transaction((tx) =>
          recordAuditEvent(tx, {
            actorId: null,
            actorRole: null,
            action: "test.concurrent",
            entityType: "test",
            entityId: String(i),
            assessmentId,
          }),
        ),
      ),
    );
    const chainKey = chainKeyFor({ assessmentId });
    expect(await verifyAuditChain(h.db, chainKey)).toEqual({ ok: true, chainKey, checked: 12 });
  });

  it("leaves no event behind when the write it records rolls back", async () => {
    const assessmentId = crypto.randomUUID();
    await expect(
      h.db.transaction(async (tx) => {
        await recordAuditEvent(tx, { actorId: null, actorRole: null, action: "test.rollback", entityType: "test", assessmentId });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await h.db.select().from(auditEvents).where(eq(auditEvents.assessmentId, assessmentId))).toHaveLength(0);
  });
});

describe("the verify command", () => {
  it("reports an intact assessment chain with exit code 0", async () => {
    const { assessmentId } = await makeChain(3);
    const args = parseVerifyArgs(["--assessment", assessmentId]);
    expect(args).toEqual({ kind: "assessment", id: assessmentId });
    const result = await runAuditVerify(h.db, args as { kind: "assessment"; id: string });
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toContain("3 event(s), every link intact");
  });

  it("lists every broken link with exit code 1", async () => {
    const { assessmentId, rows } = await makeChain(4);
    await tamper(sql`update audit_events set actor_role = 'admin' where id = ${rows[1].id}`);
    await tamper(sql`update audit_events set actor_role = 'admin' where id = ${rows[3].id}`);
    const result = await runAuditVerify(h.db, { kind: "assessment", id: assessmentId });
    expect(result.exitCode).toBe(1);
    expect(result.lines[0]).toContain("2 broken link(s) in 4 event(s)");
    expect(result.lines.slice(1)).toEqual([
      expect.stringContaining(`audit event id ${rows[1].id}: its content no longer matches its hash`),
      expect.stringContaining(`audit event id ${rows[3].id}: its content no longer matches its hash`),
    ]);
  });

  it("checks every chain with --all and counts the broken ones", async () => {
    const result = await runAuditVerify(h.db, { kind: "all" });
    expect(result.exitCode).toBe(1);
    expect(result.lines.at(-1)).toMatch(/chain\(s\) checked, [1-9]\d* broken/);
  });

  it("rejects arguments it does not understand", () => {
    expect(parseVerifyArgs([])).toHaveProperty("error");
    expect(parseVerifyArgs(["--assessment", "not-a-uuid"])).toHaveProperty("error");
    expect(parseVerifyArgs(["--chain", "global"])).toEqual({ kind: "chain", key: "global" });
  });
});

describe("timeline and verification through the API", () => {
  for (const who of CAST_IDENTITIES) {
    const expected = expectedOutcome(who, "assessment:timeline");
    const allowed = expected === "ok";
    it(`${allowed ? "shows" : "hides"} an assessment's timeline and chain check to ${who}${allowed ? "" : ` (${expected})`}`, async () => {
      const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "rated" });
      await callerFor(h.db, cast.users.leadership.id).workflow.approve({ assessmentId: assessment.id, comment: "Fine" });
      const c = callerFor(h.db, castUserId(cast, who));
      if (expected === "ok") {
        const page = await c.audit.timeline({ assessmentId: assessment.id });
        expect(page.items).toHaveLength(1);
        expect(page.items[0]).toMatchObject({ action: "assessment.approve", actorName: cast.users.leadership.name, reason: "Fine" });
        expect(await c.audit.verify({ assessmentId: assessment.id })).toMatchObject({ ok: true, checked: 1 });
      } else {
        await expectTrpcError(c.audit.timeline({ assessmentId: assessment.id }), expected);
        await expectTrpcError(c.audit.verify({ assessmentId: assessment.id }), expected);
      }
    });
  }

  it("pages through a long timeline newest first without gaps or repeats", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "draft" });
    for (let i = 0; i < 7; i++) {
      await h.db.transaction((tx) =>
        recordAuditEvent(tx, {
          actorId: cast.users.department.id,
          actorRole: "department",
          action: "evidence.submit",
          entityType: "evidence",
          entityId: String(i),
          cityId: cast.city.id,
          assessmentId: assessment.id,
        }),
      );
    }
    const c = callerFor(h.db, cast.users.expert.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof c.audit.timeline>> = await c.audit.timeline({ assessmentId: assessment.id, limit: 3, cursor });
      seen.push(...page.items.map((e) => e.entityId ?? ""));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["6", "5", "4", "3", "2", "1", "0"]);
  });

  it("reports through the API the row changed directly in the database", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "rated" });
    await callerFor(h.db, cast.users.leadership.id).workflow.approve({ assessmentId: assessment.id });
    await callerFor(h.db, cast.users.leadership.id).workflow.publish({ assessmentId: assessment.id });
    const [first] = await h.db.select().from(auditEvents).where(eq(auditEvents.assessmentId, assessment.id)).orderBy(asc(auditEvents.id));
    await tamper(sql`update audit_events set actor_id = ${cast.users.admin.id} where id = ${first.id}`);
    expect(await callerFor(h.db, cast.users.admin.id).audit.verify({ assessmentId: assessment.id })).toMatchObject({
      ok: false,
      brokenAtId: first.id,
      problem: "hash_mismatch",
    });
  });

  it("rejects a malformed cursor with BAD_REQUEST", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "draft" });
    await expectTrpcError(
      callerFor(h.db, cast.users.expert.id).audit.timeline({ assessmentId: assessment.id, cursor: "abc" }),
      "BAD_REQUEST",
    );
  });
});
