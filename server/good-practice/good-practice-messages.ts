import { and, count, desc, eq, gt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { goodPracticeMessages } from "@/db/schema/good-practice";
import { cities, users } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Actor } from "@/server/auth/authorize";
import { DomainError } from "@/server/errors/domain-error";
import { cityMemberIds, notifyUsers } from "@/server/notifications/notifications";
import { afterTimeId, cursorTimestamp, timeIdCursor, timeIdPage } from "@/server/pagination/cursor";
import { localizedCityNames } from "@/server/public/city-names";
import { isServable } from "@/server/public/published-rows";
import { GOOD_PRACTICE_MESSAGES_PER_HOUR, type GoodPracticeContact } from "./good-practice-schemas";

const HOUR_MS = 60 * 60 * 1000;

/**
 * A message from a member of one city (leadership or a department) to another city's leadership
 * group, sent from the good-practice finder. Nobody's email address is exposed: the message is
 * stored, the target city's active leadership members are notified, and they read it in their
 * inbox with the sender's name, role and city. The receiving city must have a published assessment
 * (it is a peer the finder can list). At most GOOD_PRACTICE_MESSAGES_PER_HOUR per sender per hour.
 */
export async function sendGoodPracticeMessage(db: Db, actor: Actor, senderCityId: string, input: GoodPracticeContact) {
  if (input.targetCityId === senderCityId) {
    throw new DomainError("BAD_REQUEST", "Write to another city's leadership group, not your own.", {
      fieldErrors: { targetCityId: ["Choose another city."] },
    });
  }
  const [target] = await db
    .select({ id: cities.id, name: cities.name, slug: cities.slug })
    .from(cities)
    .where(eq(cities.id, input.targetCityId))
    .limit(1);
  const [published] = target
    ? await db
        .select({ id: assessments.id })
        .from(assessments)
        .where(and(eq(assessments.cityId, target.id), isServable))
        .limit(1)
    : [];
  if (!target || !published) throw new DomainError("NOT_FOUND", "No city with a published assessment has this id.");

  return db.transaction(async (tx) => {
    const since = new Date(Date.now() - HOUR_MS);
    const [sent] = await tx
      .select({ n: count() })
      .from(goodPracticeMessages)
      .where(and(eq(goodPracticeMessages.senderId, actor.userId), gt(goodPracticeMessages.createdAt, since)));
    if ((sent?.n ?? 0) >= GOOD_PRACTICE_MESSAGES_PER_HOUR) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        `You can send at most ${GOOD_PRACTICE_MESSAGES_PER_HOUR} messages an hour to other cities. Try again later.`,
        { details: { limit: GOOD_PRACTICE_MESSAGES_PER_HOUR } },
      );
    }
    const [[senderCity], [sender]] = await Promise.all([
      tx.select({ name: cities.name }).from(cities).where(eq(cities.id, senderCityId)).limit(1),
      tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1),
    ]);
    const [message] = await tx
      .insert(goodPracticeMessages)
      .values({
        cityId: target.id,
        senderCityId,
        senderId: actor.userId,
        senderRole: actor.role,
        characteristicKey: input.characteristicKey ?? null,
        body: input.body,
      })
      .returning({ id: goodPracticeMessages.id, createdAt: goodPracticeMessages.createdAt });
    const recipients = await notifyUsers(
      tx,
      await cityMemberIds(tx, target.id, ["leadership"]),
      {
        cityId: target.id,
        kind: "good_practice_message",
        params: { cityName: senderCity?.name ?? "", actorName: sender?.name ?? "" },
        href: `/good-practice/inbox?city=${encodeURIComponent(target.slug)}`,
      },
      { exceptUserId: actor.userId },
    );
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "good_practice.message",
      entityType: "good_practice_message",
      entityId: message.id,
      cityId: target.id,
      after: { senderCityId, characteristicKey: input.characteristicKey ?? null, length: input.body.length },
    });
    return { id: message.id, recipients, targetCity: { id: target.id, name: target.name } };
  });
}

const senderCities = alias(cities, "sender_cities");

/** The messages other cities sent to this city's leadership group, newest first. */
export async function listGoodPracticeInbox(
  db: DbOrTx,
  cityId: string,
  options: { cursor?: string | null; limit: number },
  locale: Locale = "en",
) {
  const conditions: SQL[] = [eq(goodPracticeMessages.cityId, cityId)];
  const cursor = timeIdCursor.decode(options.cursor);
  if (cursor) conditions.push(afterTimeId(goodPracticeMessages.createdAt, goodPracticeMessages.id, cursor, "desc"));
  const rows = await db
    .select({
      id: goodPracticeMessages.id,
      body: goodPracticeMessages.body,
      characteristicKey: goodPracticeMessages.characteristicKey,
      senderRole: goodPracticeMessages.senderRole,
      senderName: users.name,
      senderCity: { slug: senderCities.slug, name: senderCities.name, country: senderCities.country },
      createdAt: goodPracticeMessages.createdAt,
      cursorAt: cursorTimestamp(goodPracticeMessages.createdAt),
    })
    .from(goodPracticeMessages)
    .innerJoin(users, eq(users.id, goodPracticeMessages.senderId))
    .innerJoin(senderCities, eq(senderCities.id, goodPracticeMessages.senderCityId))
    .where(and(...conditions))
    .orderBy(desc(goodPracticeMessages.createdAt), desc(goodPracticeMessages.id))
    .limit(options.limit + 1);
  const page = timeIdPage(rows, options.limit);
  return {
    items: page.items.map(({ senderCity, ...row }) => ({
      ...row,
      senderCity: { slug: senderCity.slug, name: senderCity.name, localizedName: localizedCityNames(senderCity, locale).localizedName },
    })),
    nextCursor: page.nextCursor,
  };
}
