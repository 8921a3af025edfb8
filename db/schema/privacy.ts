import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn } from "./columns";
import { users } from "./identity";

/**
 * The platform's privacy settings: one row (id = 1), edited by an admin and shown on the public
 * privacy page. Global, not per city: one account spans cities.
 * commentRetention: `anonymise` keeps an erased person's comments and feedback as "deleted user";
 * `remove` deletes their text (the thread keeps a "removed" placeholder).
 */
export const privacySettings = pgTable("privacy_settings", {
  id: integer("id").primaryKey().default(1),
  commentRetention: text("comment_retention").$type<"anonymise" | "remove">().notNull().default("anonymise"),
  graceDays: integer("grace_days").notNull().default(14),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: updatedAtColumn(),
});

/**
 * A person's request to delete their account. Pending until `due_at` (cancellable), then the sweep
 * erases the account and sets `completed_at`. At most one open request per user.
 */
export const erasureRequests = pgTable(
  "erasure_requests",
  {
    id: idColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    dueAt: timestamptz("due_at").notNull(),
    cancelledAt: timestamptz("cancelled_at"),
    completedAt: timestamptz("completed_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("erasure_requests_open_uq").on(t.userId).where(sql`${t.cancelledAt} is null and ${t.completedAt} is null`),
    index("erasure_requests_due_idx").on(t.dueAt).where(sql`${t.cancelledAt} is null and ${t.completedAt} is null`),
  ],
);
