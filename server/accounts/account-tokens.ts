import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountTokens } from "@/db/schema/mail";

export type AccountTokenPurpose = "password_reset" | "email_verification";

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token; only its SHA-256 is stored. Returns the raw token for the link. */
export async function issueAccountToken(tx: DbOrTx, userId: string, purpose: AccountTokenPurpose, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(accountTokens).values({ userId, purpose, tokenHash: hashAccountToken(token), expiresAt: new Date(Date.now() + ttlMs) });
  return token;
}

/**
 * Uses a token once: marks it used if it exists, has this purpose, is unused and unexpired, all in
 * one UPDATE (two concurrent uses: one wins). Returns the user id, or null.
 */
export async function consumeAccountToken(tx: DbOrTx, token: string, purpose: AccountTokenPurpose): Promise<string | null> {
  const now = new Date();
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning({ userId: accountTokens.userId });
  return row?.userId ?? null;
}

/** Whether the token would be accepted now (the reset page asks before showing its form). */
export async function isAccountTokenUsable(db: DbOrTx, token: string, purpose: AccountTokenPurpose): Promise<boolean> {
  const [row] = await db
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return Boolean(row);
}
