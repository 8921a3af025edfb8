import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema/identity";
import { erasureRequests, privacySettings } from "@/db/schema/privacy";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Actor } from "@/server/auth/authorize";
import { DomainError } from "@/server/errors/domain-error";
import type { PrivacySettingsInput } from "./privacy-schemas";

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettingsInput = { commentRetention: "anonymise", graceDays: 14 };
const DAY_MS = 86_400_000;

/** The admin's retention settings (the defaults until an admin saves them). */
export async function readPrivacySettings(db: DbOrTx): Promise<PrivacySettingsInput & { updatedAt: Date | null }> {
  const [row] = await db.select().from(privacySettings).where(eq(privacySettings.id, 1)).limit(1);
  if (!row) return { ...DEFAULT_PRIVACY_SETTINGS, updatedAt: null };
  return { commentRetention: row.commentRetention, graceDays: row.graceDays, updatedAt: row.updatedAt };
}

export async function savePrivacySettings(db: DbOrTx, actor: Actor, input: PrivacySettingsInput) {
  return db.transaction(async (tx) => {
    const before = await readPrivacySettings(tx);
    const now = new Date();
    await tx
      .insert(privacySettings)
      .values({ id: 1, ...input, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: privacySettings.id, set: { ...input, updatedBy: actor.userId, updatedAt: now } });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "privacy.settings",
      entityType: "privacy_settings",
      entityId: "1",
      before: { commentRetention: before.commentRetention, graceDays: before.graceDays },
      after: input,
    });
    return { ...input, updatedAt: now };
  });
}

function openRequest(userId: string) {
  return and(eq(erasureRequests.userId, userId), isNull(erasureRequests.cancelledAt), isNull(erasureRequests.completedAt));
}

/** When the person's account will be erased, if they asked for it (the work pages' notice). */
export async function pendingErasureDueAt(db: DbOrTx, userId: string): Promise<Date | null> {
  const [open] = await db.select({ dueAt: erasureRequests.dueAt }).from(erasureRequests).where(openRequest(userId)).limit(1);
  return open?.dueAt ?? null;
}

/** What the account page (and the sign-in notice) shows: the open deletion request, if any. */
export async function erasureStatus(db: DbOrTx, userId: string) {
  const [open] = await db
    .select({ id: erasureRequests.id, dueAt: erasureRequests.dueAt, requestedAt: erasureRequests.createdAt })
    .from(erasureRequests)
    .where(openRequest(userId))
    .limit(1);
  const settings = await readPrivacySettings(db);
  return { pending: open ?? null, graceDays: settings.graceDays, commentRetention: settings.commentRetention };
}

/** Asks for the account to be deleted after the grace period; asking twice keeps the first date. */
export async function requestErasure(db: DbOrTx, userId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { graceDays } = await readPrivacySettings(tx);
    const [created] = await tx
      .insert(erasureRequests)
      .values({ userId, dueAt: new Date(now.getTime() + graceDays * DAY_MS), createdAt: now })
      .onConflictDoNothing()
      .returning({ id: erasureRequests.id, dueAt: erasureRequests.dueAt });
    if (!created) {
      const [open] = await tx
        .select({ id: erasureRequests.id, dueAt: erasureRequests.dueAt })
        .from(erasureRequests)
        .where(openRequest(userId));
      if (!open) throw new DomainError("CONFLICT", "Your request could not be recorded; try again.");
      return open;
    }
    await recordAuditEvent(tx, {
      actorId: userId,
      actorRole: null,
      action: "privacy.erasure_requested",
      entityType: "erasure_request",
      entityId: created.id,
      after: { dueAt: created.dueAt.toISOString() },
    });
    return created;
  });
}

export async function cancelErasure(db: DbOrTx, userId: string) {
  return db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(erasureRequests)
      .set({ cancelledAt: new Date() })
      .where(openRequest(userId))
      .returning({ id: erasureRequests.id });
    if (!cancelled) throw new DomainError("NOT_FOUND", "There is no pending deletion request.");
    await recordAuditEvent(tx, {
      actorId: userId,
      actorRole: null,
      action: "privacy.erasure_cancelled",
      entityType: "erasure_request",
      entityId: cancelled.id,
    });
    return { cancelled: true as const };
  });
}

/** The admin's list: newest first, with the account's id only (names may already be gone). */
export async function listErasureRequests(db: DbOrTx) {
  const rows = await db
    .select({
      id: erasureRequests.id,
      userId: erasureRequests.userId,
      name: users.name,
      requestedAt: erasureRequests.createdAt,
      dueAt: erasureRequests.dueAt,
      cancelledAt: erasureRequests.cancelledAt,
      completedAt: erasureRequests.completedAt,
    })
    .from(erasureRequests)
    .innerJoin(users, eq(users.id, erasureRequests.userId))
    .orderBy(desc(erasureRequests.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, status: r.completedAt ? "erased" : r.cancelledAt ? "cancelled" : "pending" }));
}

export const erasedUserName = "Deleted user";
export const erasedEmailFor = (userId: string) => `erased-${userId}@invalid`;
