import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema/identity";
import { comments, feedback } from "@/db/schema/participation";
import { DomainError } from "@/server/errors/domain-error";
import { participationConfig } from "./participation-config";

/** Refuses a user a moderator has blocked from posting, with the moderator's written reason. */
export async function assertNotBlocked(db: DbOrTx, userId: string): Promise<void> {
  const [user] = await db
    .select({ blockedAt: users.postingBlockedAt, reason: users.postingBlockedReason })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (user?.blockedAt) {
    throw new DomainError(
      "FORBIDDEN",
      `You have been blocked from posting by the technical expert group. Reason: ${user.reason ?? "not given"}`,
      {
        details: { blockedAt: user.blockedAt, reason: user.reason },
      },
    );
  }
}

/**
 * Blocks and the per-user post limit (comments + feedback together), counted from the database so
 * any number of stateless servers agree. Call inside the transaction that inserts the post: the
 * per-user advisory lock makes two simultaneous posts count one after the other.
 */
export async function assertMayPost(tx: DbOrTx, userId: string, now = new Date()): Promise<void> {
  await assertNotBlocked(tx, userId);
  const config = participationConfig();
  if (config.rateLimitDisabled) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`posting:${userId}`}))`);
  const since = new Date(now.getTime() - config.postRateWindowMinutes * 60_000);
  const [recentComments, recentFeedback] = await Promise.all([
    tx
      .select({ createdAt: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.authorId, userId), gte(comments.createdAt, since)))
      .orderBy(desc(comments.createdAt))
      .limit(config.postRateLimit),
    tx
      .select({ createdAt: feedback.createdAt })
      .from(feedback)
      .where(and(eq(feedback.authorId, userId), gte(feedback.createdAt, since)))
      .orderBy(desc(feedback.createdAt))
      .limit(config.postRateLimit),
  ]);
  // Newest first: when the limit-th newest post ages out of the window, one slot is free again.
  const recent = [...recentComments, ...recentFeedback].map((r) => r.createdAt.getTime()).sort((a, b) => b - a);
  if (recent.length < config.postRateLimit) return;
  const freeAt = recent[config.postRateLimit - 1] + config.postRateWindowMinutes * 60_000;
  const waitMinutes = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
  throw new DomainError(
    "TOO_MANY_REQUESTS",
    `You can post ${config.postRateLimit} times in ${config.postRateWindowMinutes} minutes. Please wait ${waitMinutes} minute${waitMinutes === 1 ? "" : "s"} before posting again.`,
    { details: { limit: config.postRateLimit, windowMinutes: config.postRateWindowMinutes, retryAfterMinutes: waitMinutes } },
  );
}
