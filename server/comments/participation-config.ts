/**
 * Participation settings from the environment, read on every call so a test (or an operator after
 * a restart) can change them without touching code. Servers keep no memory state: limits are
 * counted in the database.
 */
export type ParticipationConfig = {
  /** Posts (comments + feedback) one user may make per window. */
  postRateLimit: number;
  postRateWindowMinutes: number;
  /** E2E servers set RATE_LIMIT_DISABLED=1 so journeys across specs never trip the limit. */
  rateLimitDisabled: boolean;
  /** Open flags after which an item is hidden pending review. */
  flagHideThreshold: number;
  commentEditWindowMinutes: number;
};

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function participationConfig(env: NodeJS.ProcessEnv = process.env): ParticipationConfig {
  return {
    postRateLimit: positiveInt(env.POST_RATE_LIMIT, 10),
    postRateWindowMinutes: positiveInt(env.POST_RATE_WINDOW_MINUTES, 10),
    rateLimitDisabled: env.RATE_LIMIT_DISABLED === "1" || env.RATE_LIMIT_DISABLED === "true",
    flagHideThreshold: positiveInt(env.FLAG_HIDE_THRESHOLD, 3),
    commentEditWindowMinutes: positiveInt(env.COMMENT_EDIT_WINDOW_MINUTES, 15),
  };
}

/** Replies nest this deep under a top-level comment (depth 0); the issue asks for at least 3. */
export const MAX_COMMENT_DEPTH = 3;
