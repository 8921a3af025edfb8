import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { evidence } from "@/db/schema/evidence";
import { invitations, memberships, users } from "@/db/schema/identity";
import { comments, feedback } from "@/db/schema/participation";
import { erasureRequests } from "@/db/schema/privacy";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Actor } from "@/server/auth/authorize";
import { DomainError } from "@/server/errors/domain-error";
import { erasedEmailFor, erasedUserName, readPrivacySettings } from "./privacy-data";
import { ident, rowsOf } from "./raw-sql";

/**
 * Tables whose rows are removed outright for the erased person (their own transient data; the
 * single sign-on link too, so the provider's account no longer signs in to this one).
 */
const OWN_ROWS_DELETED = ["notifications", "user_mail_settings", "account_tokens", "oidc_accounts"] as const;

/** Which of these tables exist in this database (other features add them; erasure adapts). */
async function existingTables(tx: DbOrTx, names: readonly string[]): Promise<Set<string>> {
  const rows = rowsOf<{ table_name: string }>(
    await tx.execute(sql`select table_name from information_schema.tables where table_schema = 'public'
      and table_name in (${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )})`),
  );
  return new Set(rows.map((r) => r.table_name));
}

/** Every text, varchar and jsonb column of every table (the audit trail excepted: it cannot change). */
export async function textColumns(tx: DbOrTx): Promise<{ table: string; column: string; type: string }[]> {
  const rows = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await tx.execute(sql`select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'jsonb')
      order by c.table_name, c.column_name`),
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, type: r.data_type }));
}

/**
 * Replaces every remaining copy of `needle` (the person's name or e-mail) in free text other people's
 * rows carry (a notification "Ana commented", a mail already rendered, a comment that names them).
 * Each table in its own savepoint: a table whose trigger refuses the change is reported, not fatal.
 */
async function scrubEverywhere(tx: Tx, needle: string, replacement: string): Promise<string[]> {
  if (needle.trim().length < 3) return [];
  const pattern = wholeWordPattern(needle);
  const refused: string[] = [];
  for (const { table, column, type } of await textColumns(tx)) {
    if (table === "audit_events") continue;
    const col = ident(column);
    const jsonPattern = wholeWordPattern(JSON.stringify(needle).slice(1, -1));
    const statement =
      type === "jsonb"
        ? sql`update ${ident(table)} set ${col} = regexp_replace(${col}::text, ${jsonPattern}, ${JSON.stringify(replacement).slice(1, -1)}, 'gi')::jsonb
            where ${col}::text ~* ${jsonPattern}`
        : sql`update ${ident(table)} set ${col} = regexp_replace(${col}, ${pattern}, ${replacement}, 'gi')
            where ${col} ~* ${pattern}`;
    try {
      await tx.transaction(async (sp) => {
        await sp.execute(statement);
      });
    } catch {
      refused.push(`${table}.${column}`);
    }
  }
  return refused;
}

/**
 * The needle as a whole word (PostgreSQL's \m and \M), so erasing "Ann" leaves "Annual" alone. A
 * needle that starts or ends with a character without word boundaries (Chinese text has no spaces)
 * is matched as it stands at that end.
 */
function wholeWordPattern(needle: string): string {
  const start = /^[\p{L}\p{N}]/u.test(needle) && !/^\p{Script=Han}/u.test(needle) ? "\\m" : "";
  const end = /[\p{L}\p{N}]$/u.test(needle) && !/\p{Script=Han}$/u.test(needle) ? "\\M" : "";
  return `${start}${escapeRegex(needle)}${end}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The person's evidence stays with the city and is shown as their department's: each row records the
 * department (or, for a partner, the organisation) of the author's membership in that evidence's city,
 * the membership in force at erasure time, else the latest one; null when there is none (the pages
 * then say "City department"). Runs before the memberships are revoked. Published evidence too: the
 * freeze trigger lets exactly these two columns change (migration 0016).
 */
async function attributeEvidenceToDepartments(tx: Tx, userId: string, now: Date) {
  const department = sql<
    string | null
  >`(select coalesce(nullif(btrim(${memberships.departmentName}), ''), nullif(btrim(${memberships.organisation}), ''))
    from ${memberships}
    where ${memberships.userId} = ${evidence.authorId} and ${memberships.cityId} = ${evidence.cityId}
    order by (${memberships.revokedAt} is null) desc, ${memberships.createdAt} desc
    limit 1)`;
  await tx
    .update(evidence)
    .set({ attributedTo: department, attributedAt: now })
    .where(and(eq(evidence.authorId, userId), isNull(evidence.attributedAt)));
}

/**
 * Erases one account in the caller's transaction: name and e-mail gone everywhere (the audit trail
 * never held them for new events), sessions ended, memberships revoked (the evidence the person wrote
 * is attributed to their department), comments kept as "deleted user" or emptied as
 * the retention setting says. The users row stays, nameless, so every reference (evidence, KPIs,
 * audit actor ids) still points at something and shows "deleted user".
 */
export async function eraseAccount(tx: Tx, userId: string, requestId: string | null, now = new Date()) {
  const [person] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).for("update");
  if (!person) throw new DomainError("NOT_FOUND", "No such account.");
  const { commentRetention } = await readPrivacySettings(tx);
  const erasedEmail = erasedEmailFor(userId);

  await tx
    .update(users)
    .set({
      name: erasedUserName,
      email: erasedEmail,
      passwordHash: null,
      postingBlockedReason: null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, userId));
  await attributeEvidenceToDepartments(tx, userId, now);
  await tx
    .update(memberships)
    .set({ revokedAt: now })
    .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)));
  await tx.update(invitations).set({ email: erasedEmail }).where(sql`lower(${invitations.email}) = lower(${person.email})`);
  if (commentRetention === "remove") {
    await tx
      .update(comments)
      .set({ body: "", deletedAt: sql`coalesce(${comments.deletedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(comments.authorId, userId));
    await tx.update(feedback).set({ body: "", suggestion: null }).where(eq(feedback.authorId, userId));
  }
  const present = await existingTables(tx, [...OWN_ROWS_DELETED, "mail_outbox", "plan_criteria"]);
  for (const table of OWN_ROWS_DELETED) {
    if (present.has(table)) await tx.execute(sql`delete from ${ident(table)} where user_id = ${userId}`);
  }
  if (present.has("mail_outbox")) {
    await tx.execute(sql`delete from mail_outbox where user_id = ${userId} or lower(to_address) = lower(${person.email})`);
  }
  const refused = [...(await scrubEverywhere(tx, person.email, erasedEmail)), ...(await scrubEverywhere(tx, person.name, erasedUserName))];
  if (requestId) await tx.update(erasureRequests).set({ completedAt: now }).where(eq(erasureRequests.id, requestId));
  else
    await tx
      .update(erasureRequests)
      .set({ completedAt: now })
      .where(and(eq(erasureRequests.userId, userId), isNull(erasureRequests.cancelledAt), isNull(erasureRequests.completedAt)));
  await recordAuditEvent(tx, {
    actorId: null,
    actorRole: "system",
    action: "privacy.erased",
    entityType: "user",
    entityId: userId,
    after: { commentRetention, requestId },
  });
  return { userId, refused };
}

/**
 * Erases every account whose grace period is over. Safe with several app servers: each request is
 * claimed with FOR UPDATE SKIP LOCKED inside its own transaction, and re-checked (still open) under
 * the lock, so two sweeps never erase one account twice and never wait on each other.
 */
export async function sweepDueErasures(db: DbOrTx, now = new Date(), limit = 20): Promise<{ erased: string[] }> {
  const erased: string[] = [];
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: erasureRequests.id, userId: erasureRequests.userId })
        .from(erasureRequests)
        .where(and(isNull(erasureRequests.cancelledAt), isNull(erasureRequests.completedAt), lte(erasureRequests.dueAt, now)))
        .orderBy(erasureRequests.dueAt)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!due) return null;
      await eraseAccount(tx, due.userId, due.id, now);
      return due.userId;
    });
    if (!done) break;
    erased.push(done);
  }
  return { erased };
}

/** The admin's "erase now" for a request whose grace period is over (the sweep may not have run yet). */
export async function eraseRequestNow(db: DbOrTx, actor: Actor, requestId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(erasureRequests).where(eq(erasureRequests.id, requestId)).for("update");
    if (!request) throw new DomainError("NOT_FOUND", "No such deletion request.");
    if (request.cancelledAt || request.completedAt) throw new DomainError("CONFLICT", "This request is no longer pending.");
    if (request.dueAt > now) throw new DomainError("CONFLICT", "The grace period of this request has not ended yet.");
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "privacy.erase_now",
      entityType: "erasure_request",
      entityId: requestId,
    });
    return eraseAccount(tx, request.userId, request.id, now);
  });
}

const LAZY_SWEEP_INTERVAL_MS = 10 * 60_000;
let lastLazySweep = 0;

/**
 * The sweep "on request": work pages call this after their response; it runs at most every ten
 * minutes per process (each server sweeps on its own; SKIP LOCKED keeps them apart). No scheduler
 * is needed: an account is erased at the first work-page view on any server after its due time.
 */
export async function sweepDueErasuresLazily(db: DbOrTx, now = Date.now()): Promise<void> {
  if (now - lastLazySweep < LAZY_SWEEP_INTERVAL_MS) return;
  lastLazySweep = now;
  await sweepDueErasures(db, new Date(now));
}
