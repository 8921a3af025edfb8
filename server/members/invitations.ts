import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { cities, invitations, memberships, users } from "@/db/schema/identity";
import type { acceptInvitationSchema } from "@/server/accounts/account-schemas";
import { findUserByEmail } from "@/server/accounts/sign-up";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { hashPassword } from "@/server/auth/passwords";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { appBaseUrl, type MailLocale } from "@/server/mail/mail-config";
import { recipientLocale, saveMailSettings } from "@/server/mail/mail-settings";
import { renderInvitation } from "@/server/mail/mail-templates";
import { enqueueMail } from "@/server/mail/outbox";
import type { InviteMemberInput } from "./member-schemas";

export const INVITATION_TTL_DAYS = 14;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** An invitation still waiting: not accepted, not expired, not revoked (revoking expires it). */
function isPending(now: Date) {
  return and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, now));
}

/**
 * Returns the raw token once (only its hash is stored), with the city, email and role the
 * invitation was created for, so the page confirms what the server did rather than what it meant.
 * The invitation mail is queued in the same transaction (in the invitee's language if they have an
 * account, else the inviter's page language); the admin sees the link only if sending fails.
 */
export async function inviteMember(
  db: Db,
  actor: { userId: string; role: Role },
  cityId: string,
  input: InviteMemberInput,
  locale: MailLocale = "en",
): Promise<{ invitationId: string; token: string; city: { id: string; name: string }; email: string; role: InviteMemberInput["role"] }> {
  const token = randomBytes(24).toString("base64url");
  return db.transaction(async (tx) => {
    const [city] = await tx.select({ id: cities.id, name: cities.name }).from(cities).where(eq(cities.id, cityId)).limit(1);
    if (!city) throw new DomainError("NOT_FOUND", "City not found.");
    const [row] = await tx
      .insert(invitations)
      .values({
        cityId,
        email: input.email,
        role: input.role,
        departmentName: input.departmentName ?? null,
        organisation: input.organisation ?? null,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      })
      .returning({ id: invitations.id });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "member.invite",
      entityType: "invitation",
      entityId: row.id,
      cityId,
      // The invitee is the invitation (entityId); no e-mail in the hashed, unerasable payload.
      after: { role: input.role, cityName: city.name },
    });
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1);
    const invitee = await findUserByEmail(tx, input.email);
    const mailLocale = await recipientLocale(tx, invitee?.id, locale);
    await enqueueMail(tx, {
      kind: "invitation",
      to: input.email,
      locale: mailLocale,
      cityId,
      refId: row.id,
      userId: invitee?.id ?? null,
      rendered: renderInvitation(mailLocale, {
        cityName: city.name,
        inviterName: inviter?.name ?? "",
        role: input.role,
        url: `${appBaseUrl()}/${mailLocale}/invite/${token}`,
        days: INVITATION_TTL_DAYS,
      }),
    });
    return { invitationId: row.id, token, city, email: input.email, role: input.role };
  });
}

/** A safety bound, not a page: a city has a handful of invitations out at a time. */
const MAX_PENDING_LISTED = 500;

/** The city's invitations still waiting for the invitee, soonest to expire first. */
export async function listPendingInvitations(db: Db, cityId: string, now: Date = new Date()) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      departmentName: invitations.departmentName,
      organisation: invitations.organisation,
      invitedByName: users.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.cityId, cityId), isPending(now)))
    .orderBy(asc(invitations.expiresAt), asc(invitations.id))
    .limit(MAX_PENDING_LISTED);
}

/**
 * Withdraws a pending invitation of this city: its link stops working at once (the invitation is
 * expired now, so it can never be accepted), and the audit chain of the city records who did it.
 * An invitation of another city, or one already accepted, expired or revoked, is NOT_FOUND.
 */
export async function revokeInvitation(db: Db, actor: { userId: string; role: Role }, cityId: string, invitationId: string) {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [revoked] = await tx
      .update(invitations)
      .set({ expiresAt: now })
      .where(and(eq(invitations.id, invitationId), eq(invitations.cityId, cityId), isPending(now)))
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
    if (!revoked) throw new DomainError("NOT_FOUND", "This invitation is no longer pending.");
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "member.revoke_invitation",
      entityType: "invitation",
      entityId: revoked.id,
      cityId,
      before: { role: revoked.role, pending: true },
      after: { pending: false },
    });
    return { invitationId: revoked.id };
  });
}

export async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, hashToken(token)), isPending(new Date())))
    .limit(1);
  return row ?? null;
}

/** Sets the invitee's password (creating the account if needed) and grants the membership. */
export async function acceptInvitation(
  db: Db,
  input: z.infer<typeof acceptInvitationSchema>,
  locale?: MailLocale,
): Promise<{ userId: string; email: string }> {
  const invitation = await findOpenInvitation(db, input.token);
  if (!invitation) throw new DomainError("NOT_FOUND", "This invitation link is invalid, used or expired.");
  const existing = await findUserByEmail(db, invitation.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      // Still pending at the moment of claiming: a revocation committed meanwhile wins.
      .where(and(eq(invitations.id, invitation.id), isPending(new Date())))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new DomainError("CONFLICT", "This invitation has already been used.");
    let userId: string;
    if (existing) {
      userId = existing.id;
      // An existing password is kept: the link only grants the membership then.
      if (!existing.passwordHash) await tx.update(users).set({ passwordHash, name: input.name }).where(eq(users.id, userId));
    } else {
      const [user] = await tx.insert(users).values({ email: invitation.email, name: input.name, passwordHash }).returning({ id: users.id });
      userId = user.id;
    }
    // One active membership per city: an invitation replaces an earlier role.
    await tx
      .update(memberships)
      .set({ revokedAt: new Date() })
      .where(and(eq(memberships.cityId, invitation.cityId), eq(memberships.userId, userId), isNull(memberships.revokedAt)));
    await tx.insert(memberships).values({
      cityId: invitation.cityId,
      userId,
      role: invitation.role,
      departmentName: invitation.departmentName,
      organisation: invitation.organisation,
    });
    await recordAuditEvent(tx, {
      actorId: userId,
      actorRole: invitation.role,
      action: "member.accept_invitation",
      entityType: "invitation",
      entityId: invitation.id,
      cityId: invitation.cityId,
      after: { role: invitation.role },
    });
    // The language of the page the invitee accepted on becomes the language of their mail.
    if (locale) await saveMailSettings(tx, userId, { locale });
    return { userId, email: invitation.email };
  });
}
