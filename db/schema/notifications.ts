import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cities, users } from "./identity";

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null only for notifications that concern no city (none yet). */
    cityId: uuid("city_id").references(() => cities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** A message key under `notifications.kinds` in the message files. */
    kind: text("kind").notNull(),
    params: jsonb("params").notNull().default({}),
    href: text("href"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
