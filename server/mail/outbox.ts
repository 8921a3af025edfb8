import { and, desc, eq, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { mailOutbox } from "@/db/schema/mail";
import { DomainError } from "@/server/errors/domain-error";
import type { MailLocale } from "./mail-config";
import type { RenderedMail } from "./mail-templates";
import type { MailStatus } from "./mail-values";

const MAIL_KINDS = ["invitation", "email_verification", "sign_up_existing", "password_reset", "digest"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export type OutboxRow = typeof mailOutbox.$inferSelect;

/**
 * Queues a rendered mail. Call it with the transaction of the action that causes the mail, so a
 * rolled-back action sends nothing and a committed one always sends (the worker picks it up).
 */
export async function enqueueMail(
  tx: DbOrTx,
  mail: {
    kind: MailKind;
    to: string;
    locale: MailLocale;
    rendered: RenderedMail;
    userId?: string | null;
    cityId?: string | null;
    refId?: string | null;
    headers?: Record<string, string>;
  },
): Promise<string> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      kind: mail.kind,
      toAddress: mail.to,
      locale: mail.locale,
      subject: mail.rendered.subject,
      textBody: mail.rendered.text,
      htmlBody: mail.rendered.html,
      headers: mail.headers ?? {},
      userId: mail.userId ?? null,
      cityId: mail.cityId ?? null,
      refId: mail.refId ?? null,
    })
    .returning({ id: mailOutbox.id });
  return row.id;
}

/**
 * Claims up to `limit` rows that are due (pending and past their next attempt, or `sending` whose
 * claim ran out because a worker died). `FOR UPDATE SKIP LOCKED`: workers on several app servers
 * never claim one row twice and never wait for each other.
 */
export async function claimDueMail(db: Db, options: { now?: Date; limit?: number; lockSeconds?: number } = {}): Promise<OutboxRow[]> {
  const now = options.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + (options.lockSeconds ?? 300) * 1000);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        or(
          and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)),
          and(eq(mailOutbox.status, "sending"), lt(mailOutbox.lockedUntil, now)),
        ),
      )
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(options.limit ?? 10)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set({ status: "sending", lockedUntil })
      .where(
        inArray(
          mailOutbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

export async function markMailSent(db: DbOrTx, id: string, deliveredTo: string): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ status: "sent", sentAt: new Date(), deliveredTo, lockedUntil: null, attempts: mailAttemptsPlusOne(), lastError: null })
    .where(eq(mailOutbox.id, id));
}

function mailAttemptsPlusOne(): SQL<number> {
  return sql<number>`${mailOutbox.attempts} + 1`;
}

/** The delay before attempt n+1 after n failures: base · 2^(n-1) (30 s, 1 min, 2 min, 4 min …). */
export function retryDelayMs(failures: number, baseSeconds: number): number {
  return baseSeconds * 1000 * 2 ** Math.max(0, failures - 1);
}

/** A failed attempt: back to pending with exponential backoff, or dead after `maxAttempts`. */
export async function markMailFailed(
  db: DbOrTx,
  row: Pick<OutboxRow, "id" | "attempts">,
  error: string,
  options: { maxAttempts: number; baseSeconds: number; now?: Date },
): Promise<MailStatus> {
  const failures = row.attempts + 1;
  const now = options.now ?? new Date();
  const status: MailStatus = failures >= options.maxAttempts ? "dead" : "pending";
  await db
    .update(mailOutbox)
    .set({
      status,
      attempts: failures,
      lastError: error.slice(0, 1000),
      lockedUntil: null,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(failures, options.baseSeconds)),
    })
    .where(eq(mailOutbox.id, row.id));
  return status;
}

const LIST_COLUMNS = {
  id: mailOutbox.id,
  kind: mailOutbox.kind,
  toAddress: mailOutbox.toAddress,
  subject: mailOutbox.subject,
  status: mailOutbox.status,
  attempts: mailOutbox.attempts,
  lastError: mailOutbox.lastError,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
};

/** Newest first, keyset-paged by creation time. */
export async function listMail(db: DbOrTx, options: { status?: MailStatus; before?: Date | null; limit: number }) {
  const conditions: SQL[] = [];
  if (options.status) conditions.push(eq(mailOutbox.status, options.status));
  if (options.before) conditions.push(lt(mailOutbox.createdAt, options.before));
  const rows = await db
    .select(LIST_COLUMNS)
    .from(mailOutbox)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  return { items, nextBefore: rows.length > options.limit ? (items.at(-1)?.createdAt ?? null) : null };
}

export async function getMail(db: DbOrTx, id: string): Promise<OutboxRow> {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "Message not found.");
  return row;
}

/** Puts a dead letter back in the queue with a fresh set of attempts. */
export async function retryDeadMail(db: DbOrTx, id: string): Promise<{ id: string }> {
  const [row] = await db
    .update(mailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, "dead")))
    .returning({ id: mailOutbox.id });
  if (!row) throw new DomainError("CONFLICT", "Only a failed message can be retried.");
  return row;
}

/** The delivery state of the newest mail about `refId` (an invitation), or null. */
export async function mailStatusFor(db: DbOrTx, refId: string) {
  const [row] = await db
    .select({ status: mailOutbox.status, attempts: mailOutbox.attempts, cityId: mailOutbox.cityId })
    .from(mailOutbox)
    .where(eq(mailOutbox.refId, refId))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return row ?? null;
}
