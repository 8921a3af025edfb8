import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz } from "./columns";
import { cityRoleEnum, globalRoleEnum, regionEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: idColumn(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Null until an invited user sets a password. */
    passwordHash: text("password_hash"),
    globalRole: globalRoleEnum("global_role"),
    postingBlockedAt: timestamptz("posting_blocked_at"),
    postingBlockedReason: text("posting_blocked_reason"),
    postingBlockedBy: uuid("posting_blocked_by"),
    /**
     * Carried in the session token at sign-in; bumping it (sign-out, block, role revocation)
     * ends every session the user holds, since each request compares the two.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`)],
);

export const cities = pgTable(
  "cities",
  {
    id: idColumn(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    region: regionEnum("region").notNull(),
    population: integer("population"),
    /** How many leadership members must approve before an assessment is approved. */
    approvalsRequired: integer("approvals_required").notNull().default(1),
    /** True for the study's pilot cities loaded as reference data. */
    isPilot: boolean("is_pilot").notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("cities_slug_uq").on(t.slug), index("cities_region_idx").on(t.region, t.name)],
);

/** The tenant key: every city-scoped table carries it (and an index that serves its main query). */
export const cityIdColumn = () =>
  uuid("city_id")
    .notNull()
    .references(() => cities.id);

/** A required reference to a user: the author, reviewer, uploader, member … */
export const userIdColumn = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => users.id);

export const memberships = pgTable(
  "memberships",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    userId: userIdColumn("user_id"),
    role: cityRoleEnum("role").notNull(),
    departmentName: text("department_name"),
    organisation: text("organisation"),
    /** Revocation keeps the row for the audit trail; a revoked membership grants nothing. */
    revokedAt: timestamptz("revoked_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("memberships_active_uq").on(t.cityId, t.userId).where(sql`${t.revokedAt} is null`),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    email: text("email").notNull(),
    role: cityRoleEnum("role").notNull(),
    departmentName: text("department_name"),
    organisation: text("organisation"),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: userIdColumn("invited_by"),
    expiresAt: timestamptz("expires_at").notNull(),
    acceptedAt: timestamptz("accepted_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("invitations_token_uq").on(t.tokenHash), index("invitations_city_idx").on(t.cityId)],
);
