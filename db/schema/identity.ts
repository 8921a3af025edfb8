import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cityRoleEnum, globalRoleEnum, regionEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Null until an invited user sets a password. */
    passwordHash: text("password_hash"),
    globalRole: globalRoleEnum("global_role"),
    postingBlockedAt: timestamp("posting_blocked_at", { withTimezone: true, mode: "date" }),
    postingBlockedReason: text("posting_blocked_reason"),
    postingBlockedBy: uuid("posting_blocked_by"),
    /**
     * Carried in the session token at sign-in; bumping it (sign-out, block, role revocation)
     * ends every session the user holds, since each request compares the two.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`)],
);

export const cities = pgTable(
  "cities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    region: regionEnum("region").notNull(),
    population: integer("population"),
    /** How many leadership members must approve before an assessment is approved. */
    approvalsRequired: integer("approvals_required").notNull().default(1),
    /** True for the study's pilot cities loaded as reference data. */
    isPilot: boolean("is_pilot").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("cities_slug_uq").on(t.slug), index("cities_region_idx").on(t.region, t.name)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: cityRoleEnum("role").notNull(),
    departmentName: text("department_name"),
    organisation: text("organisation"),
    /** Revocation keeps the row for the audit trail; a revoked membership grants nothing. */
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_active_uq").on(t.cityId, t.userId).where(sql`${t.revokedAt} is null`),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    email: text("email").notNull(),
    role: cityRoleEnum("role").notNull(),
    departmentName: text("department_name"),
    organisation: text("organisation"),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_token_uq").on(t.tokenHash), index("invitations_city_idx").on(t.cityId)],
);
