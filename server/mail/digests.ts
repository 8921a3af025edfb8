import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema/identity";
import { userMailSettings } from "@/db/schema/mail";
import { notifications } from "@/db/schema/notifications";
import { mailLocale } from "./mail-config";
import { unsubscribeToken } from "./mail-settings";
import type { DigestFrequency } from "./mail-settings-values";
import { DIGEST_MAX_ITEMS, renderDigest } from "./mail-templates";
import { enqueueMail } from "./outbox";

const DAY_MS = 86_400_000;
/** How far back the first digest of a user looks (a user without settings yet). */
const FIRST_DIGEST_LOOKBACK_MS = 7 * DAY_MS;
const INTERVAL_MS: Record<DigestFrequency, number> = { immediate: 0, daily: DAY_MS, weekly: 7 * DAY_MS, off: Number.POSITIVE_INFINITY };

/** Whether a digest is due now for this frequency and the time of the last one. */
function isDigestDue(frequency: DigestFrequency, lastDigestAt: Date | null, now: Date): boolean {
  if (frequency === "off") return false;
  return lastDigestAt === null || now.getTime() - lastDigestAt.getTime() >= INTERVAL_MS[frequency];
}

/** A time as a SQL parameter (raw sql fragments do not map Date for postgres.js). */
const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

type DigestOptions = { secret: string; baseUrl: string; now?: Date; limit?: number };

/**
 * Queues a digest mail for every user who has unread notifications not yet mailed and whose
 * frequency (immediate, daily, weekly; default daily) makes one due. One transaction per user: the
 * settings row is locked with SKIP LOCKED (two servers never mail the same digest), the mail is
 * queued and the cursor moves past the notifications it lists, all at once. Unconfirmed sign-ups
 * and users who chose "off" (or unsubscribed) get none. Returns how many digests were queued.
 */
export async function queueDueDigests(db: Db, options: DigestOptions): Promise<number> {
  const now = options.now ?? new Date();
  const firstSince = new Date(now.getTime() - FIRST_DIGEST_LOOKBACK_MS);
  const frequency = sql<string>`coalesce(${userMailSettings.digest}, 'daily')`;
  const candidates = await db
    .select({ id: users.id })
    .from(users)
    .leftJoin(userMailSettings, eq(userMailSettings.userId, users.id))
    .where(
      and(
        sql`${frequency} <> 'off'`,
        sql`coalesce(${userMailSettings.unverified}, 0) = 0`,
        sql`(${userMailSettings.lastDigestAt} is null
          or ${frequency} = 'immediate'
          or (${frequency} = 'daily' and ${userMailSettings.lastDigestAt} <= ${at(now.getTime() - DAY_MS)})
          or (${frequency} = 'weekly' and ${userMailSettings.lastDigestAt} <= ${at(now.getTime() - 7 * DAY_MS)}))`,
        sql`exists (select 1 from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null
          and ${notifications.createdAt} > coalesce(${userMailSettings.digestCursor}, ${at(firstSince.getTime())}) and ${notifications.createdAt} < ${at(now.getTime() + 1)})`,
      ),
    )
    .limit(options.limit ?? 100);
  let queued = 0;
  for (const { id } of candidates) if (await queueDigestFor(db, id, now, firstSince, options)) queued++;
  return queued;
}

async function queueDigestFor(db: Db, userId: string, now: Date, firstSince: Date, options: DigestOptions): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.insert(userMailSettings).values({ userId }).onConflictDoNothing();
    const [settings] = await tx
      .select()
      .from(userMailSettings)
      .where(eq(userMailSettings.userId, userId))
      .for("update", { skipLocked: true });
    if (!settings || settings.unverified === 1) return false;
    const frequency = settings.digest as DigestFrequency;
    if (!isDigestDue(frequency, settings.lastDigestAt, now)) return false;
    const unmailed = and(
      eq(notifications.userId, userId),
      isNull(notifications.readAt),
      // Compared in SQL: the stored cursor has microseconds, a JS Date only milliseconds.
      sql`${notifications.createdAt} > coalesce((select ${userMailSettings.digestCursor} from ${userMailSettings} where ${userMailSettings.userId} = ${userId}), ${at(firstSince.getTime())})`,
      sql`${notifications.createdAt} < ${at(now.getTime() + 1)}`,
    );
    const items = await tx
      .select({ kind: notifications.kind, params: notifications.params })
      .from(notifications)
      .where(unmailed)
      .orderBy(desc(notifications.createdAt))
      .limit(DIGEST_MAX_ITEMS);
    if (items.length === 0) return false;
    const [{ total }] = await tx.select({ total: count() }).from(notifications).where(unmailed);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const locale = mailLocale(settings.locale);
    const unsubscribeQuery = `u=${userId}&t=${unsubscribeToken(options.secret, userId)}`;
    const oneClickUrl = `${options.baseUrl}/api/unsubscribe?${unsubscribeQuery}`;
    await enqueueMail(tx, {
      kind: "digest",
      to: user.email,
      locale,
      userId,
      rendered: renderDigest(locale, {
        items: items.map((i) => ({ kind: i.kind, params: (i.params ?? {}) as Record<string, unknown> })),
        total,
        url: `${options.baseUrl}/${locale}/notifications`,
        frequency,
        unsubscribeUrl: `${options.baseUrl}/${locale}/unsubscribe?${unsubscribeQuery}`,
      }),
      // RFC 8058 one-click: a mail client POSTs "List-Unsubscribe=One-Click" to this URL.
      headers: { "List-Unsubscribe": `<${oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    await tx
      .update(userMailSettings)
      .set({ digestCursor: sql`(select max(${notifications.createdAt}) from ${notifications} where ${unmailed})`, lastDigestAt: now })
      .where(eq(userMailSettings.userId, userId));
    return true;
  });
}
