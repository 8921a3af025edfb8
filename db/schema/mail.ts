import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz } from "./columns";
import { cities, users } from "./identity";

/**
 * The mail outbox: a row is written in the transaction of the action that causes the mail (an
 * invitation, a sign-up, a reset request, a digest), rendered already, and sent later by the
 * in-process worker (server/jobs/mail-worker.ts), which claims rows with FOR UPDATE SKIP LOCKED so
 * several app servers never send one row twice. status: pending → sending → sent, or → dead after
 * MAIL_MAX_ATTEMPTS failures (an admin may put a dead row back to pending).
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: idColumn(),
    /** The city the mail concerns, when there is one (invitations); null for account mail. */
    cityId: uuid("city_id").references(() => cities.id),
    userId: uuid("user_id").references(() => users.id),
    /** invitation, email_verification, sign_up_existing, password_reset, digest */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    /** What the mail is about (the invitation id …), for the pages that show its delivery status. */
    refId: uuid("ref_id"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    /** While `sending`: until when the claim holds (a crashed worker's rows come back after it). */
    lockedUntil: timestamptz("locked_until"),
    lastError: text("last_error"),
    /** Where it went: the SMTP message id, or the .eml file written without SMTP. */
    deliveredTo: text("delivered_to"),
    sentAt: timestamptz("sent_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index("mail_outbox_created_idx").on(t.createdAt),
    index("mail_outbox_ref_idx").on(t.refId),
  ],
);

/**
 * Per-user mail settings; a user without a row has the defaults (English, daily digest, verified —
 * invited and created accounts proved nothing less than a signed-up one that is not yet verified).
 */
export const userMailSettings = pgTable("user_mail_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  locale: text("locale").notNull().default("en"),
  /** immediate, daily, weekly or off */
  digest: text("digest").notNull().default("daily"),
  /** Set by sign-up until the address is confirmed: no digests go to an unconfirmed address. */
  unverified: integer("unverified").notNull().default(0),
  emailVerifiedAt: timestamptz("email_verified_at"),
  /** Notifications created up to here were considered for a digest. */
  digestCursor: timestamptz("digest_cursor"),
  lastDigestAt: timestamptz("last_digest_at"),
  createdAt: createdAtColumn(),
});

/** Single-use, expiring account tokens (password reset, e-mail verification); only the SHA-256 is stored. */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: idColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("account_tokens_hash_uq").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId, t.purpose)],
);
