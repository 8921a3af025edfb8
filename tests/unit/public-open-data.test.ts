import { describe, expect, it } from "vitest";
import { apiRateLimitFromEnv, createFixedWindowLimiter } from "@/server/http/rate-limit";
import { toCsv } from "@/server/public/open-data-csv";
import { clientKeyOf } from "@/server/public/open-data-http";

describe("fixed-window rate limiter", () => {
  it("allows the limit per window, refuses the next request, and allows again in the next window", () => {
    let now = 1_000_000;
    const limiter = createFixedWindowLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.hit("a").allowed)).toEqual([true, true, true]);
    const refused = limiter.hit("a");
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
    now += 45_000;
    expect(limiter.hit("a").retryAfterSeconds).toBe(15);
    now += 15_000;
    expect(limiter.hit("a")).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("counts each client on its own", () => {
    const limiter = createFixedWindowLimiter({ limit: 1, windowMs: 60_000 });
    expect(limiter.hit("a").allowed).toBe(true);
    expect(limiter.hit("a").allowed).toBe(false);
    expect(limiter.hit("b").allowed).toBe(true);
  });

  it("forgets expired clients once it tracks many", () => {
    let now = 0;
    const limiter = createFixedWindowLimiter({ limit: 1, windowMs: 1_000, now: () => now, sweepAbove: 2 });
    for (const key of ["a", "b", "c"]) limiter.hit(key);
    now = 5_000;
    expect(limiter.hit("d").allowed).toBe(true);
    expect(limiter.hit("a").allowed).toBe(true);
  });

  it("reads API_RATE_LIMIT, defaults to 120 a minute, refuses a non-number, and turns off with RATE_LIMIT_DISABLED=1", () => {
    expect(apiRateLimitFromEnv({})).toBe(120);
    expect(apiRateLimitFromEnv({ API_RATE_LIMIT: "30" })).toBe(30);
    expect(() => apiRateLimitFromEnv({ API_RATE_LIMIT: "lots" })).toThrow(/API_RATE_LIMIT="lots"/);
    expect(apiRateLimitFromEnv({ RATE_LIMIT_DISABLED: "1" })).toBeNull();
  });
});

describe("CSV", () => {
  it("writes RFC 4180: CRLF rows, quoted cells with doubled quotes, empty cells for null", () => {
    expect(
      toCsv(
        ["a", "b", "c"],
        [
          ["x,y", 'say "hi"', null],
          [1, true, undefined],
        ],
      ),
    ).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n1,true,\r\n');
  });

  it("keeps spreadsheets from running a text cell as a formula, but leaves numbers alone", () => {
    expect(toCsv(["v"], [["=HYPERLINK(1)"], ["@SUM"], [-1]])).toBe("v\r\n'=HYPERLINK(1)\r\n'@SUM\r\n-1\r\n");
  });
});

describe("client address for the rate limit", () => {
  it("counts from the right (the socket address is last), so a client cannot pick its own by sending X-Forwarded-For", () => {
    // No trusted proxy: the socket address (appended last) whatever the client wrote before it.
    expect(clientKeyOf(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), 0)).toBe("203.0.113.9");
    // One trusted proxy (10.0.0.1, the socket peer): the address it saw and appended.
    expect(clientKeyOf(new Headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.2, 10.0.0.1" }), 1)).toBe("198.51.100.2");
    expect(clientKeyOf(new Headers({ "x-forwarded-for": "203.0.113.9" }), 3)).toBe("203.0.113.9");
    expect(clientKeyOf(new Headers(), 0)).toBe("unknown");
  });
});
