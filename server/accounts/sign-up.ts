import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/server/auth/passwords";
import { DomainError, isUniqueViolation } from "@/server/errors/domain-error";
import type { SignUpInput } from "./account-schemas";

/**
 * The one answer sign-up gives, whether the email was new or already had an account: the answer
 * must not tell anyone which emails are registered. The target is the "check your inbox" pattern
 * (a link that confirms a new account, or tells an existing owner someone tried); until e-mail
 * delivery exists, an existing email gets this same answer, no second account is made, and the
 * existing account is left exactly as it was (its password is not changed).
 */
export type SignUpResult = { status: "accepted" };
const ACCEPTED: SignUpResult = { status: "accepted" };

/** Open sign-up creates a citizen account (and, if a city is named, a citizen membership there). */
export async function signUpCitizen(db: Db, input: SignUpInput): Promise<SignUpResult> {
  let cityId: string | null = null;
  if (input.citySlug) {
    const [city] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, input.citySlug)).limit(1);
    if (!city) throw new DomainError("BAD_REQUEST", "Unknown city.", { fieldErrors: { citySlug: ["Unknown city."] } });
    cityId = city.id;
  }
  // Hash before looking the email up, so both answers cost the same time.
  const passwordHash = await hashPassword(input.password);
  if (await findUserByEmail(db, input.email)) return ACCEPTED;
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning({ id: users.id });
      if (cityId) await tx.insert(memberships).values({ cityId, userId: user.id, role: "citizen" });
      await recordAuditEvent(tx, {
        actorId: user.id,
        actorRole: "citizen",
        action: "account.sign_up",
        entityType: "user",
        entityId: user.id,
        cityId,
        after: { email: input.email, name: input.name, cityId },
      });
    });
  } catch (error) {
    // Two sign-ups with the same email at once: the unique index decides, and the loser hears
    // the same answer as everyone else.
    if (!isUniqueViolation(error)) throw error;
  }
  return ACCEPTED;
}

export async function findUserByEmail(db: Db, email: string) {
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
