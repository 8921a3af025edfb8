import { and, eq, gt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { mailOutbox } from "@/db/schema/mail";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/server/auth/passwords";
import { DomainError, isUniqueViolation } from "@/server/errors/domain-error";
import { appBaseUrl, type MailLocale } from "@/server/mail/mail-config";
import { recipientLocale, saveMailSettings } from "@/server/mail/mail-settings";
import { renderSignUpExisting, renderVerification } from "@/server/mail/mail-templates";
import { enqueueMail } from "@/server/mail/outbox";
import type { SignUpInput } from "./account-schemas";
import { issueAccountToken } from "./account-tokens";

export const EMAIL_VERIFICATION_TTL_DAYS = 7;

/**
 * The one answer sign-up gives, whether the email was new or already had an account: the answer
 * must not tell anyone which emails are registered ("check your inbox"). A new account gets a mail
 * with a link that confirms the address (until then it may sign in, as a citizen, but receives no
 * notification e-mails); an existing address gets a mail telling its owner someone tried (at most
 * one an hour), no second account is made and the existing one is left exactly as it was.
 */
export type SignUpResult = { status: "accepted" };
const ACCEPTED: SignUpResult = { status: "accepted" };

/** Open sign-up creates a citizen account (and, if a city is named, a citizen membership there). */
export async function signUpCitizen(db: Db, input: SignUpInput, locale: MailLocale = "en"): Promise<SignUpResult> {
  let cityId: string | null = null;
  if (input.citySlug) {
    const [city] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, input.citySlug)).limit(1);
    if (!city) throw new DomainError("BAD_REQUEST", "Unknown city.", { fieldErrors: { citySlug: ["Unknown city."] } });
    cityId = city.id;
  }
  // Hash before looking the email up, so both answers cost the same time.
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(db, input.email);
  if (existing) {
    await tellExistingOwner(db, existing, locale);
    return ACCEPTED;
  }
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning({ id: users.id });
      if (cityId) await tx.insert(memberships).values({ cityId, userId: user.id, role: "citizen" });
      await saveMailSettings(tx, user.id, { locale, unverified: true });
      const token = await issueAccountToken(tx, user.id, "email_verification", EMAIL_VERIFICATION_TTL_DAYS * 86_400_000);
      await enqueueMail(tx, {
        kind: "email_verification",
        to: input.email,
        locale,
        userId: user.id,
        rendered: renderVerification(locale, {
          url: `${appBaseUrl()}/${locale}/verify-email?token=${token}`,
          days: EMAIL_VERIFICATION_TTL_DAYS,
        }),
      });
      await recordAuditEvent(tx, {
        actorId: user.id,
        actorRole: "citizen",
        action: "account.sign_up",
        entityType: "user",
        entityId: user.id,
        cityId,
        // Ids only: the name and e-mail live in `users`, where erasure can remove them (docs/security.md).
        after: { cityId },
      });
    });
  } catch (error) {
    // Two sign-ups with the same email at once: the unique index decides, and the loser hears
    // the same answer as everyone else.
    if (!isUniqueViolation(error)) throw error;
  }
  return ACCEPTED;
}

/** "Someone tried to sign up with your address": at most one such mail an hour per account. */
async function tellExistingOwner(db: Db, user: { id: string; email: string }, fallback: MailLocale): Promise<void> {
  await db.transaction(async (tx) => {
    const [recent] = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.userId, user.id),
          eq(mailOutbox.kind, "sign_up_existing"),
          gt(mailOutbox.createdAt, new Date(Date.now() - 3_600_000)),
        ),
      )
      .limit(1);
    if (recent) return;
    const locale = await recipientLocale(tx, user.id, fallback);
    await enqueueMail(tx, {
      kind: "sign_up_existing",
      to: user.email,
      locale,
      userId: user.id,
      rendered: renderSignUpExisting(locale, { url: `${appBaseUrl()}/${locale}/forgot-password` }),
    });
  });
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user ?? null;
}

export type AuthenticatedUser = { id: string; email: string; name: string; sessionVersion: number };

/**
 * Checks an email and password. Same answer for unknown email and wrong password, and the same
 * work: an unknown email (or an invited user without a password yet) verifies against a dummy hash.
 */
export async function authenticateWithPassword(db: Db, email: string, password: string): Promise<AuthenticatedUser | null> {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
