import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz } from "./columns";
import { cities, userIdColumn } from "./identity";

export const notifications = pgTable(
  "notifications",
  {
    id: idColumn(),
    /** Null only for notifications that concern no city (none yet). */
    cityId: uuid("city_id").references(() => cities.id),
    userId: userIdColumn("user_id"),
    /** A message key under `notifications.kinds` in the message files. */
    kind: text("kind").notNull(),
    params: jsonb("params").notNull().default({}),
    href: text("href"),
    readAt: timestamptz("read_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
