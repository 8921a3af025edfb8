import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema/identity";
import { accountTokens } from "@/db/schema/mail";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { hashPassword } from "@/server/auth/passwords";
import { endAllSessions } from "@/server/auth/session-version";
import { DomainError } from "@/server/errors/domain-error";
import { createSharedLimiter } from "@/server/http/rate-limit";
import { appBaseUrl, type MailLocale } from "@/server/mail/mail-config";
import { recipientLocale } from "@/server/mail/mail-settings";
import { renderPasswordReset } from "@/server/mail/mail-templates";
import { enqueueMail } from "@/server/mail/outbox";
import { consumeAccountToken, issueAccountToken } from "./account-tokens";
import { findUserByEmail } from "./sign-up";

export const PASSWORD_RESET_TTL_MINUTES = 60;
/** Per address: at most this many reset mails an hour (more requests get the same answer, no mail). */
const RESET_MAILS_PER_EMAIL_PER_HOUR = 3;
/** Per client address: past this many requests an hour the caller is told to wait. */
const RESET_REQUESTS_PER_CLIENT_PER_HOUR = 10;

type PasswordResetRequestResult = { status: "accepted" };
const ACCEPTED: PasswordResetRequestResult = { status: "accepted" };

const limiters = new WeakMap<Db, { email: ReturnType<typeof createSharedLimiter>; client: ReturnType<typeof createSharedLimiter> }>();
function limitersFor(db: Db) {
  let pair = limiters.get(db);
  if (!pair) {
    pair = {
      email: createSharedLimiter(db, { keyPrefix: "pwreset-email", points: RESET_MAILS_PER_EMAIL_PER_HOUR, durationSeconds: 3600 }),
      client: createSharedLimiter(db, { keyPrefix: "pwreset-client", points: RESET_REQUESTS_PER_CLIENT_PER_HOUR, durationSeconds: 3600 }),
    };
    limiters.set(db, pair);
  }
  return pair;
}

async function consumed(limiter: ReturnType<typeof createSharedLimiter>, key: string): Promise<{ ok: boolean; retryAfterSeconds: number }> {
  try {
    await limiter.consume(key);
    return { ok: true, retryAfterSeconds: 0 };
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 3_600_000;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
  }
}

/**
 * "Forgot password": the same answer whether or not the address has an account. For an account
 * with a password, a single-use token valid for an hour is stored hashed and the mail queued in the
 * same transaction. Rate limited per client address (TOO_MANY_REQUESTS) and per address (silently:
 * the answer must not differ).
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; locale: MailLocale; clientAddress: string; rateLimited?: boolean },
): Promise<PasswordResetRequestResult> {
  if (input.rateLimited !== false) {
    const client = await consumed(limitersFor(db).client, input.clientAddress);
    if (!client.ok) {
      throw new DomainError("TOO_MANY_REQUESTS", `Too many requests. Try again in ${client.retryAfterSeconds} s.`, {
        details: { retryAfterSeconds: client.retryAfterSeconds },
      });
    }
  }
  const user = await findUserByEmail(db, input.email);
  if (!user?.passwordHash) return ACCEPTED;
  if (input.rateLimited !== false && !(await consumed(limitersFor(db).email, user.id)).ok) return ACCEPTED;
  await db.transaction(async (tx) => {
    const token = await issueAccountToken(tx, user.id, "password_reset", PASSWORD_RESET_TTL_MINUTES * 60_000);
    const locale = await recipientLocale(tx, user.id, input.locale);
    await enqueueMail(tx, {
      kind: "password_reset",
      to: user.email,
      locale,
      userId: user.id,
      rendered: renderPasswordReset(locale, {
        url: `${appBaseUrl()}/${locale}/reset-password?token=${token}`,
        minutes: PASSWORD_RESET_TTL_MINUTES,
      }),
    });
  });
  return ACCEPTED;
}

/**
 * Sets a new password with a reset token: the token is used up, every other reset token of the user
 * is voided, and every session the user holds ends (session version bumped). One transaction.
 */
export async function resetPassword(db: Db, input: { token: string; password: string }): Promise<{ status: "reset" }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, input.token, "password_reset");
    if (!userId) throw new DomainError("NOT_FOUND", "This link is invalid, used or expired.");
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx
      .update(accountTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, "password_reset"), isNull(accountTokens.usedAt)));
    await endAllSessions(tx, userId);
    await recordAuditEvent(tx, {
      actorId: userId,
      actorRole: "citizen",
      action: "account.password_reset",
      entityType: "user",
      entityId: userId,
      cityId: null,
    });
    return { status: "reset" as const };
  });
}
