import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { authenticateWithPassword } from "@/server/accounts/sign-up";
import { dummyPasswordHash, verifyPassword } from "@/server/auth/passwords";
import { authorizeCredentials, SIGN_IN_UNAVAILABLE, withSignInThrottleStatus } from "@/server/session/sign-in";
import { createSignInThrottle, SIGN_IN_LIMITS, TOO_MANY_ATTEMPTS, TooManySignInAttempts } from "@/server/session/sign-in-throttle";
import { makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

// The real argon2 functions, watched: which hash each sign-in attempt verifies against.
vi.mock("@/server/auth/passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/auth/passwords")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

let h: DatabaseHandle;
const PASSWORD = "kettle-marble-orbit-9";

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());
beforeEach(() => vi.mocked(verifyPassword).mockClear());

async function makeAccount(email: string) {
  return makeUser(h.db, { email, name: "Throttled", password: PASSWORD });
}

/** One sign-in attempt as next-auth's authorize runs it: "ok", "wrong" or the thrown code. */
async function attempt(email: string, password: string, address: string): Promise<string> {
  try {
    return (await authorizeCredentials(async () => h.db, { email, password }, address)) ? "ok" : "wrong";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("sign-in throttling", () => {
  it("refuses the right password after 20 wrong ones (TooManyAttempts), counted per account across addresses", async () => {
    await makeAccount("target@example.test");
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) outcomes.push(await attempt("Target@Example.test ", `wrong-guess-${i}`, `198.51.100.${i}`));
    expect(outcomes.slice(0, SIGN_IN_LIMITS.account.points)).toEqual(Array(SIGN_IN_LIMITS.account.points).fill("wrong"));
    expect(outcomes.slice(SIGN_IN_LIMITS.account.points)).toEqual(Array(20 - SIGN_IN_LIMITS.account.points).fill(TOO_MANY_ATTEMPTS));
    expect(await attempt("target@example.test", PASSWORD, "203.0.113.77")).toBe(TOO_MANY_ATTEMPTS);
    // Once locked, guesses are not even checked: no password verification runs.
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(SIGN_IN_LIMITS.account.points);
  });

  it("answers an unknown email exactly like a known one, lock included (no account enumeration)", async () => {
    await makeAccount("known@example.test");
    const run = async (email: string, address: string) => {
      const outcomes: string[] = [];
      for (let i = 0; i < SIGN_IN_LIMITS.account.points + 2; i++) outcomes.push(await attempt(email, `nope-${i}`, address));
      return outcomes;
    };
    expect(await run("unknown@example.test", "192.0.2.10")).toEqual(await run("known@example.test", "192.0.2.11"));
  });

  it("verifies a dummy hash of the same cost for an unknown email, so both take the time of one argon2 verify", async () => {
    await makeAccount("timed@example.test");
    const dummy = await dummyPasswordHash();
    const verify = vi.mocked(verifyPassword);

    const timings = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 5; i++) {
      for (const [kind, email] of [
        ["known", "timed@example.test"],
        ["unknown", `ghost-${i}@example.test`],
      ] as const) {
        verify.mockClear();
        const started = performance.now();
        expect(await authenticateWithPassword(h.db, email, "not-the-password")).toBeNull();
        timings[kind].push(performance.now() - started);
        expect(verify).toHaveBeenCalledTimes(1);
        const [hashUsed] = verify.mock.calls[0];
        if (kind === "unknown") expect(hashUsed).toBe(dummy);
        else expect(hashUsed).not.toBe(dummy);
        // Same algorithm and cost parameters as real hashes.
        expect(hashUsed.split("$").slice(0, 4)).toEqual(dummy.split("$").slice(0, 4));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.info(
      `sign-in timing, median of 5: known email ${median(timings.known).toFixed(1)} ms, unknown ${median(timings.unknown).toFixed(1)} ms`,
    );
  });

  it("counts per address too: spraying many accounts from one address gets locked", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.address.points + 1; i++)
      outcomes.push(await attempt(`spray-${i}@example.test`, "x-password-guess", "203.0.113.200"));
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(SIGN_IN_LIMITS.address.points);
    expect(outcomes.at(-1)).toBe(TOO_MANY_ATTEMPTS);
    expect(await attempt("fresh-account@example.test", "x-password-guess", "203.0.113.201")).toBe("wrong");
  }, 30_000);

  it("lets parallel guesses through only up to the limit (the count is taken before the check)", async () => {
    await makeAccount("parallel@example.test");
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) => attempt("parallel@example.test", `guess-${i}`, `192.0.2.${100 + i}`)),
    );
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(SIGN_IN_LIMITS.account.points);
    expect(outcomes.filter((o) => o === TOO_MANY_ATTEMPTS)).toHaveLength(25 - SIGN_IN_LIMITS.account.points);
  });

  it("starts the account's count again after a correct password", async () => {
    await makeAccount("forgetful@example.test");
    for (let i = 0; i < SIGN_IN_LIMITS.account.points - 1; i++)
      expect(await attempt("forgetful@example.test", `typo-${i}`, "192.0.2.60")).toBe("wrong");
    expect(await attempt("forgetful@example.test", PASSWORD, "192.0.2.60")).toBe("ok");
    for (let i = 0; i < SIGN_IN_LIMITS.account.points - 1; i++)
      expect(await attempt("forgetful@example.test", `typo-${i}`, "192.0.2.60")).toBe("wrong");
  });

  it("holds across app servers: two throttles on one database share the count", async () => {
    const serverA = createSignInThrottle(h.db);
    const serverB = createSignInThrottle(h.db);
    const limits = SIGN_IN_LIMITS.account.points;
    for (let i = 0; i < limits; i++) await (i % 2 ? serverA : serverB).beginAttempt("shared@example.test", `192.0.2.${200 + i}`);
    await expect(serverA.beginAttempt("shared@example.test", "192.0.2.250")).rejects.toBeInstanceOf(TooManySignInAttempts);
    const refused = await serverB.beginAttempt("shared@example.test", "192.0.2.251").catch((e: TooManySignInAttempts) => e);
    expect(refused).toBeInstanceOf(TooManySignInAttempts);
    // Retry-After: the rest of the 15-minute lock.
    expect((refused as TooManySignInAttempts).retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMITS.account.blockDurationSeconds - 60);
    expect((refused as TooManySignInAttempts).retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.blockDurationSeconds);
  });

  it("answers a throttled sign-in with 429 and Retry-After (next-auth's JSON answer), others unchanged", async () => {
    await makeAccount("status@example.test");
    // Stands in for next-auth's handler: runs authorize, answers as next-auth does for the form's JSON request.
    const nextAuthLike = (password: string) => async () => {
      const error = await authorizeCredentials(async () => h.db, { email: "status@example.test", password }, "192.0.2.90").then(
        () => null,
        (e: Error) => e.message,
      );
      return Response.json({ url: `http://localhost/sign-in?error=${error ?? "CredentialsSignin"}` }, { status: 401 });
    };
    for (let i = 0; i < SIGN_IN_LIMITS.account.points; i++) {
      const res = await withSignInThrottleStatus(nextAuthLike(`wrong-${i}`));
      expect(res.status).toBe(401);
      expect(res.headers.get("retry-after")).toBeNull();
    }
    const throttled = await withSignInThrottleStatus(nextAuthLike(PASSWORD));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(new URL((await throttled.json()).url).searchParams.get("error")).toBe(TOO_MANY_ATTEMPTS);
  });

  it("never lets a database error's text out: only the neutral code", async () => {
    const closed = await createTestDb();
    await closed.close();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const outcome = await authorizeCredentials(async () => closed.db, { email: "a@example.test", password: PASSWORD }, "192.0.2.1").then(
      () => "signed in",
      (e: Error) => e.message,
    );
    expect(outcome).toBe(SIGN_IN_UNAVAILABLE);
    logged.mockRestore();
  });
});
