/**
 * Participation settings from the environment, read on every call so a test (or an operator after
 * a restart) can change them without touching code. Servers keep no memory state: limits are
 * counted in the database.
 */
import { type EnvSource, envOf } from "@/env";
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

export function participationConfig(source?: EnvSource): ParticipationConfig {
  const env = envOf(source);
  return {
    postRateLimit: env.POST_RATE_LIMIT,
    postRateWindowMinutes: env.POST_RATE_WINDOW_MINUTES,
    rateLimitDisabled: env.RATE_LIMIT_DISABLED,
    flagHideThreshold: env.FLAG_HIDE_THRESHOLD,
    commentEditWindowMinutes: env.COMMENT_EDIT_WINDOW_MINUTES,
  };
}

/** Replies nest this deep under a top-level comment (depth 0); the issue asks for at least 3. */
export const MAX_COMMENT_DEPTH = 3;
