import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { canonicalJson } from "./canonical-json";

export type AuditEventInput = {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  cityId?: string | null;
  assessmentId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

/** Each assessment has its own chain; writes outside an assessment chain per city, else globally. */
export function chainKeyFor(event: Pick<AuditEventInput, "assessmentId" | "cityId">): string {
  if (event.assessmentId) return `assessment:${event.assessmentId}`;
  if (event.cityId) return `city:${event.cityId}`;
  return "global";
}

type HashedFields = {
  chainKey: string;
  cityId: string | null;
  assessmentId: string | null;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  createdAt: Date;
  prevHash: string | null;
};

export function hashAuditRow(row: HashedFields): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        ...row,
        before: row.before ?? null,
        after: row.after ?? null,
        createdAt: row.createdAt.toISOString(),
      }),
    )
    .digest("hex");
}

/**
 * Appends one event to its chain. Call it inside the transaction of the write it records, so the
 * event exists if and only if the write does. An advisory lock on the chain keeps concurrent writers
 * from both linking to the same previous row.
 */
export async function recordAuditEvent(tx: DbOrTx, input: AuditEventInput): Promise<void> {
  await recordAuditEvents(tx, [input]);
}

/**
 * Appends several events of one write to their chain, in order, exactly as that many
 * `recordAuditEvent` calls would (each links to the one before), with one lock, one read of the
 * chain's head and one insert. All events must belong to the same chain.
 */
export async function recordAuditEvents(tx: DbOrTx, inputs: readonly AuditEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const chainKey = chainKeyFor(inputs[0]);
  if (inputs.some((input) => chainKeyFor(input) !== chainKey)) throw new Error("recordAuditEvents: events of one chain only");
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${chainKey}))`);
  const [previous] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, chainKey))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  // Milliseconds only: the value must hash the same after a round trip through timestamptz.
  const createdAt = new Date(Math.floor(Date.now()));
  let prevHash = previous?.hash ?? null;
  const rows = inputs.map((input) => {
    const fields: HashedFields = {
      chainKey,
      cityId: input.cityId ?? null,
      assessmentId: input.assessmentId ?? null,
      actorId: input.actorId,
      actorRole: input.actorRole,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      before: normaliseJson(input.before),
      after: normaliseJson(input.after),
      reason: input.reason ?? null,
      createdAt,
      prevHash,
    };
    const hash = hashAuditRow(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  // A multi-row INSERT assigns the serial ids in the order of its VALUES, which is the chain's order.
  await tx.insert(auditEvents).values(rows);
}

/** What jsonb will give back: no undefined, dates as strings. */
function normaliseJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

export type ChainBreakProblem = "hash_mismatch" | "prev_hash_mismatch";
export type ChainBreak = { id: number; problem: ChainBreakProblem };

/** A chain can hold millions of rows; a tampered one lists at most this many breaks (breakCount has them all). */
export const MAX_REPORTED_BREAKS = 1000;

export type ChainVerification =
  | { ok: true; chainKey: string; checked: number }
  | {
      ok: false;
      chainKey: string;
      /** Events verified before the first break. */
      checked: number;
      /** Every event read, broken or not. */
      total: number;
      brokenAtId: number;
      problem: ChainBreakProblem;
      /** Every break in id order (at most MAX_REPORTED_BREAKS); a row can break both ways. */
      breaks: ChainBreak[];
      breakCount: number;
    };

/**
 * Re-computes every hash of a chain in order and reports every broken link, not just the first: after
 * a break the walk goes on from the stored hash, so one tampered row does not hide another.
 */
export async function verifyAuditChain(db: DbOrTx, chainKey: string): Promise<ChainVerification> {
  const pageSize = 1000;
  let lastId = 0;
  let prevHash: string | null = null;
  let total = 0;
  let checked = 0;
  let breakCount = 0;
  const breaks: ChainBreak[] = [];
  const report = (id: number, problem: ChainBreakProblem) => {
    breakCount++;
    if (breaks.length < MAX_REPORTED_BREAKS) breaks.push({ id, problem });
  };
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainKey, chainKey), gt(auditEvents.id, lastId)))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) report(row.id, "prev_hash_mismatch");
      const { id: _id, hash, ...fields } = row;
      if (hashAuditRow(fields) !== hash) report(row.id, "hash_mismatch");
      if (breakCount === 0) checked++;
      total++;
      prevHash = hash;
      lastId = row.id;
    }
    if (rows.length < pageSize) break;
  }
  if (breakCount === 0) return { ok: true, chainKey, checked };
  const [first] = breaks;
  return { ok: false, chainKey, checked, total, brokenAtId: first.id, problem: first.problem, breaks, breakCount };
}
