import { createHash } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { createSharedLimiter } from "@/server/http/rate-limit";

/**
 * Brute-force protection for password sign-in, counted in the database so it holds across app
 * servers. Every attempt takes a point up front (atomic upsert: parallel guesses cannot slip past
 * a check-then-record gap); a successful sign-in gives the account's points back.
 *
 * - per account (normalised email, hashed): 10 attempts per 15 minutes, then locked 15 minutes;
 * - per client address: 50 attempts per hour, then locked 1 hour (spraying many accounts).
 *
 * Unknown emails are counted exactly like known ones, so the lock reveals nothing about whether an
 * account exists. The cost of a per-account lock is that anyone can lock an account for 15 minutes
 * by guessing wrong on purpose; the short lock keeps that nuisance small.
 */
export const SIGN_IN_LIMITS = {
  account: { points: 10, durationSeconds: 15 * 60, blockDurationSeconds: 15 * 60 },
  address: { points: 50, durationSeconds: 60 * 60, blockDurationSeconds: 60 * 60 },
} as const;

/** The code next-auth puts in `?error=`; neutral on purpose. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

export class TooManySignInAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(TOO_MANY_ATTEMPTS);
    this.name = "TooManySignInAttempts";
  }
}

export function accountThrottleKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

export type SignInThrottle = {
  /** Takes one attempt for the account and the address; throws TooManySignInAttempts when over. */
  beginAttempt(email: string, address: string): Promise<void>;
  /** After a correct password: the account's count starts again, and the address gets its point back. */
  succeeded(email: string, address: string): Promise<void>;
};

export function createSignInThrottle(db: Db, limits = SIGN_IN_LIMITS): SignInThrottle {
  const byAccount = createSharedLimiter(db, { keyPrefix: "signin-account", ...limits.account });
  const byAddress = createSharedLimiter(db, { keyPrefix: "signin-address", ...limits.address });
  const addressKey = (address: string) => address.slice(0, 100);
  return {
    async beginAttempt(email, address) {
      const results = await Promise.allSettled([byAccount.consume(accountThrottleKey(email)), byAddress.consume(addressKey(address))]);
      const refused: RateLimiterRes[] = [];
      for (const result of results) {
        if (result.status === "fulfilled") continue;
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason; // the database, not the limit
        refused.push(result.reason);
      }
      if (refused.length > 0) {
        const retryAfterMs = Math.max(...refused.map((r) => r.msBeforeNext));
        throw new TooManySignInAttempts(Math.max(1, Math.ceil(retryAfterMs / 1000)));
      }
    },
    async succeeded(email, address) {
      await Promise.all([byAccount.delete(accountThrottleKey(email)), byAddress.reward(addressKey(address), 1)]);
    },
  };
}

const throttleByDb = new WeakMap<Db, SignInThrottle>();

export function signInThrottleFor(db: Db): SignInThrottle {
  let throttle = throttleByDb.get(db);
  if (!throttle) {
    throttle = createSignInThrottle(db);
    throttleByDb.set(db, throttle);
  }
  return throttle;
}
