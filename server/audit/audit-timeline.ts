import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { users } from "@/db/schema/identity";
import { DomainError } from "@/server/errors/domain-error";

/**
 * One assessment's audit events, newest first, with the actor's name. Served by
 * audit_assessment_idx (assessment_id, id); the cursor is the last id seen (ids only grow).
 */
export async function listAssessmentTimeline(db: DbOrTx, assessmentId: string, options: { cursor?: string | null; limit: number }) {
  const conditions: SQL[] = [eq(auditEvents.assessmentId, assessmentId)];
  if (options.cursor) {
    if (!/^\d{1,18}$/.test(options.cursor)) {
      throw new DomainError("BAD_REQUEST", "The page cursor is not valid.", { fieldErrors: { cursor: ["Not a valid cursor."] } });
    }
    conditions.push(lt(auditEvents.id, Number(options.cursor)));
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      actorId: auditEvents.actorId,
      actorRole: auditEvents.actorRole,
      actorName: users.name,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
      createdAt: auditEvents.createdAt,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit).map((row) => ({ ...row, changes: describeChanges(row.before, row.after) }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last ? String(last.id) : null };
}

export type FieldChange = { field: string; before: unknown; after: unknown };

/**
 * What changed, field by field, for the timeline: top-level keys whose values differ between the
 * before and after snapshots (a key present on one side only counts as changed).
 */
export function describeChanges(before: unknown, after: unknown): FieldChange[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .filter((field) => JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
