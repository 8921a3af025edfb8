import { integer, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { moderationStateEnum } from "./enums";

/**
 * Column groups that many tables share. Each helper returns fresh builders (drizzle's builders are
 * mutable), and each writes exactly the SQL the copies it replaced wrote: a change here is a schema
 * change for every table that uses it, so generate a migration.
 */

/** The surrogate key of almost every table. */
export const idColumn = () => uuid("id").primaryKey().defaultRandom();

/** Every timestamp is `timestamptz`, read as a JS Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** When the row was written. */
export const createdAtColumn = () => timestamptz("created_at").notNull().defaultNow();

/** When the row last changed; set by the code that changes it. */
export const updatedAtColumn = () => timestamptz("updated_at").notNull().defaultNow();

/** Optimistic locking: updates say `where version = $expected` and bump it. */
export const versionColumn = () => integer("version").notNull().default(1);

/** The moderation state of citizen-written content (comments, feedback) and who set it, when and why. */
export const moderationColumns = () => ({
  moderationState: moderationStateEnum("moderation_state").notNull().default("ok"),
  moderationReason: text("moderation_reason"),
  moderatedBy: uuid("moderated_by"),
  moderatedAt: timestamptz("moderated_at"),
});
