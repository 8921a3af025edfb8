import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz } from "./columns";
import { users } from "./identity";

/**
 * A city account at the OpenID Connect provider (issuer + subject) linked to a user of the app
 * (docs/operations.md "Single sign-on (OIDC)"). Global like `users`: one account spans cities.
 * `revoked_at`: an administrator refused single sign-on for this account; the provider's sign-in is
 * then turned away (the row stays, so the same city account cannot be linked again by e-mail).
 */
export const oidcAccounts = pgTable(
  "oidc_accounts",
  {
    id: idColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAtColumn(),
    lastSignInAt: timestamptz("last_sign_in_at"),
    revokedAt: timestamptz("revoked_at"),
    revokedBy: uuid("revoked_by"),
  },
  (t) => [uniqueIndex("oidc_accounts_issuer_subject_uq").on(t.issuer, t.subject), index("oidc_accounts_user_idx").on(t.userId)],
);
