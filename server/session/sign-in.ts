import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/db/client";
import { type AuthenticatedUser, authenticateWithPassword } from "@/server/accounts/sign-up";
import { reportUnexpectedError } from "@/server/errors/report-error";
import { signInThrottleFor, TOO_MANY_ATTEMPTS, TooManySignInAttempts } from "./sign-in-throttle";

/** The `?error=` code when sign-in failed for a reason of ours (database down, a bug). */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";

/**
 * Password sign-in behind the throttle. Returns the user, or null for a wrong email or password
 * (the same answer for both); throws TooManySignInAttempts when locked.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
): Promise<AuthenticatedUser | null> {
  const throttle = signInThrottleFor(db);
  await throttle.beginAttempt(input.email, input.clientAddress);
  const user = await authenticateWithPassword(db, input.email, input.password);
  if (user) await throttle.succeeded(input.email, input.clientAddress);
  return user;
}

/**
 * next-auth's credentials `authorize`: whatever a thrown error says ends up in the redirect URL
 * (`?error=<message>`), so only our two neutral codes may leave here. Anything unexpected is logged
 * with an error id and becomes SIGN_IN_UNAVAILABLE; a failed query's SQL never reaches the client.
 */
export async function authorizeCredentials(
  getDb: () => Promise<Db>,
  credentials: { email?: string; password?: string } | undefined,
  clientAddress: string,
): Promise<AuthenticatedUser | null> {
  if (!credentials?.email || !credentials.password) return null;
  if (credentials.email.length > 254 || credentials.password.length > 1_000) return null;
  try {
    return await signInWithPassword(await getDb(), { email: credentials.email, password: credentials.password, clientAddress });
  } catch (error) {
    if (error instanceof TooManySignInAttempts) {
      const attempt = signInAttempt.getStore();
      if (attempt) attempt.retryAfterSeconds = error.retryAfterSeconds;
      throw new Error(TOO_MANY_ATTEMPTS);
    }
    reportUnexpectedError(error, "sign-in");
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
}

type SignInAttempt = { retryAfterSeconds?: number };
const signInAttempt = new AsyncLocalStorage<SignInAttempt>();

/**
 * Runs next-auth's route handler and, when the attempt was throttled, answers 429 with Retry-After
 * instead of next-auth's 401. Only for the JSON answer the sign-in form asks for: a plain form post
 * gets next-auth's redirect to the sign-in page (a browser does not follow a 429's Location).
 */
export async function withSignInThrottleStatus(handle: () => Promise<Response>): Promise<Response> {
  const attempt: SignInAttempt = {};
  const response = await signInAttempt.run(attempt, handle);
  if (attempt.retryAfterSeconds === undefined || response.headers.has("location")) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(attempt.retryAfterSeconds));
  return new Response(response.body, { status: 429, headers });
}
