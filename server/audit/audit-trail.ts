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
  const chainKey = chainKeyFor(input);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${chainKey}))`);
  const [previous] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, chainKey))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  // Milliseconds only: the value must hash the same after a round trip through timestamptz.
  const createdAt = new Date(Math.floor(Date.now()));
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
    prevHash: previous?.hash ?? null,
  };
  await tx.insert(auditEvents).values({ ...fields, hash: hashAuditRow(fields) });
}

/** What jsonb will give back: no undefined, dates as strings. */
function normaliseJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

export type ChainVerification =
  | { ok: true; chainKey: string; checked: number }
  | { ok: false; chainKey: string; checked: number; brokenAtId: number; problem: "hash_mismatch" | "prev_hash_mismatch" };

/** Re-computes every hash of a chain in order and reports the first broken link. */
export async function verifyAuditChain(db: DbOrTx, chainKey: string): Promise<ChainVerification> {
  const pageSize = 1000;
  let lastId = 0;
  let prevHash: string | null = null;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainKey, chainKey), gt(auditEvents.id, lastId)))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, chainKey, checked, brokenAtId: row.id, problem: "prev_hash_mismatch" };
      }
      const { id: _id, hash, ...fields } = row;
      if (hashAuditRow(fields) !== hash) {
        return { ok: false, chainKey, checked, brokenAtId: row.id, problem: "hash_mismatch" };
      }
      prevHash = hash;
      checked++;
      lastId = row.id;
    }
    if (rows.length < pageSize) return { ok: true, chainKey, checked };
  }
}
