import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userMailSettings } from "@/db/schema/mail";
import { type MailLocale, mailLocale } from "./mail-config";
import type { DigestFrequency } from "./mail-settings-values";

export type MailSettings = { locale: MailLocale; digest: DigestFrequency; unverified: boolean };
const DEFAULTS: MailSettings = { locale: "en", digest: "daily", unverified: false };

export async function getMailSettings(db: DbOrTx, userId: string): Promise<MailSettings> {
  const [row] = await db.select().from(userMailSettings).where(eq(userMailSettings.userId, userId)).limit(1);
  if (!row) return DEFAULTS;
  return { locale: mailLocale(row.locale), digest: row.digest as DigestFrequency, unverified: row.unverified === 1 };
}

/** Creates or changes the user's settings (only the fields given). */
export async function saveMailSettings(
  db: DbOrTx,
  userId: string,
  changes: Partial<{ locale: MailLocale; digest: DigestFrequency; unverified: boolean; emailVerifiedAt: Date }>,
): Promise<void> {
  const values = {
    ...(changes.locale ? { locale: changes.locale } : {}),
    ...(changes.digest ? { digest: changes.digest } : {}),
    ...(changes.unverified !== undefined ? { unverified: changes.unverified ? 1 : 0 } : {}),
    ...(changes.emailVerifiedAt ? { emailVerifiedAt: changes.emailVerifiedAt } : {}),
  };
  await db
    .insert(userMailSettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: userMailSettings.userId, set: Object.keys(values).length ? values : { userId: sql`excluded.user_id` } });
}

/**
 * The language the person uses the site in becomes the language of their mail: called at sign-in
 * (password and single sign-on) and when they switch the site's language while signed in. One
 * statement, and no write when it is already the stored one. A language chosen in the mail settings
 * form holds until the next sign-in or switch.
 */
export async function rememberSiteLocale(db: DbOrTx, userId: string, locale: MailLocale): Promise<void> {
  await db
    .insert(userMailSettings)
    .values({ userId, locale })
    .onConflictDoUpdate({ target: userMailSettings.userId, set: { locale }, setWhere: ne(userMailSettings.locale, locale) });
}

/** The language a mail to this user is written in: their setting, else `fallback`. */
export async function recipientLocale(db: DbOrTx, userId: string | null | undefined, fallback: MailLocale): Promise<MailLocale> {
  if (!userId) return fallback;
  const [row] = await db
    .select({ locale: userMailSettings.locale })
    .from(userMailSettings)
    .where(eq(userMailSettings.userId, userId))
    .limit(1);
  return row ? mailLocale(row.locale) : fallback;
}

/** The unsubscribe token: an HMAC of the user id under the app's secret, so it needs no storage. */
export function unsubscribeToken(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${userId}`).digest("base64url");
}

export function isValidUnsubscribeToken(secret: string, userId: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
