import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { CharacteristicKey } from "../../shared/domain-values";
import { createdAtColumn, idColumn } from "./columns";
import { cities, cityIdColumn, userIdColumn } from "./identity";

/**
 * Messages from one city's members to another city's leadership group, sent from the good-practice
 * finder. The tenant is the receiving city (`city_id`): its leadership reads them in its inbox. The
 * sender's address is never shown; recipients see the sender's name, role and city.
 */
export const goodPracticeMessages = pgTable(
  "good_practice_messages",
  {
    id: idColumn(),
    /** The receiving city, whose leadership group reads the message. */
    cityId: cityIdColumn(),
    senderCityId: uuid("sender_city_id")
      .notNull()
      .references(() => cities.id),
    senderId: userIdColumn("sender_id"),
    /** The sender's role in their city when they wrote (leadership or department). */
    senderRole: text("sender_role").notNull(),
    /** The roadmap step the message is about, when sent from one. */
    characteristicKey: text("characteristic_key").$type<CharacteristicKey>(),
    body: text("body").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("good_practice_messages_inbox_idx").on(t.cityId, t.createdAt, t.id),
    index("good_practice_messages_sender_idx").on(t.senderId, t.createdAt),
  ],
);
