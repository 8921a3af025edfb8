import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { hashPassword, verifyPassword } from "@/server/auth/passwords";
import { DomainError, isUniqueViolation } from "@/server/errors/domain-error";
import type { SignUpInput } from "./account-schemas";

/** Open sign-up creates a citizen account (and, if a city is named, a citizen membership there). */
export async function signUpCitizen(db: Db, input: SignUpInput): Promise<{ userId: string }> {
  const existing = await findUserByEmail(db, input.email);
  if (existing) throw new DomainError("CONFLICT", "An account with this email already exists. Sign in instead.", { fieldErrors: { email: ["An account with this email already exists."] } });
  let cityId: string | null = null;
  if (input.citySlug) {
    const [city] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, input.citySlug)).limit(1);
    if (!city) throw new DomainError("BAD_REQUEST", "Unknown city.", { fieldErrors: { citySlug: ["Unknown city."] } });
    cityId = city.id;
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id });
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
      return { userId: user.id };
    });
  } catch (error) {
    // Two sign-ups with the same email at once: the unique index decides.
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "An account with this email already exists. Sign in instead.");
    throw error;
  }
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user ?? null;
}

/** Used by next-auth's credentials provider. Same answer for unknown email and wrong password. */
export async function authenticateWithPassword(db: Db, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) return null;
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
