/**
 * A fixed-window request counter per client key (the IP address for the open data API).
 *
 * Soft state in this server process: each instance counts on its own and a restart forgets the
 * counts, so with N instances behind a load balancer a client may get up to N times the limit.
 * That is acceptable for a read-only, cacheable API whose goal is fairness, not security; a shared
 * store (Redis, the database) would be the next step if it ever is not.
 */
export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1 when refused). */
  retryAfterSeconds: number;
};

export type FixedWindowLimiter = { hit: (key: string) => RateLimitDecision };

export function createFixedWindowLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Past this many tracked clients, expired windows are swept on the next hit. */
  sweepAbove?: number;
}): FixedWindowLimiter {
  const { limit, windowMs } = options;
  const now = options.now ?? Date.now;
  const sweepAbove = options.sweepAbove ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const at = now();
      if (windows.size > sweepAbove) {
        for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
      }
      let window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
      return {
        allowed: window.count <= limit,
        limit,
        remaining: Math.max(0, limit - window.count),
        retryAfterSeconds,
      };
    },
  };
}

/** Requests per minute per IP for anonymous API clients: API_RATE_LIMIT (default 120). */
export function apiRateLimitFromEnv(env: Record<string, string | undefined> = process.env): number | null {
  if (env.RATE_LIMIT_DISABLED === "1" || env.RATE_LIMIT_DISABLED === "true") return null;
  const parsed = Number(env.API_RATE_LIMIT ?? 120);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 120;
}
