import { afterEach, describe, expect, it } from "vitest";
import { env, envFrom, InvalidEnvironmentError, validateEnv } from "@/env";

const saved = process.env.POST_RATE_LIMIT;
afterEach(() => {
  if (saved === undefined) delete process.env.POST_RATE_LIMIT;
  else process.env.POST_RATE_LIMIT = saved;
});

describe("env.ts", () => {
  it("types values and applies defaults; an empty value counts as unset", () => {
    const e = envFrom({ API_RATE_LIMIT: "30", RATE_LIMIT_DISABLED: "true", S3_FORCE_PATH_STYLE: "", SEED_DEMO: "0" });
    expect(e.API_RATE_LIMIT).toBe(30);
    expect(e.RATE_LIMIT_DISABLED).toBe(true);
    expect(e.S3_FORCE_PATH_STYLE).toBe(false);
    expect(e.SEED_DEMO).toBe(false);
    expect(e.POST_RATE_LIMIT).toBe(10);
    expect(e.DATABASE_URL).toBeUndefined();
    expect(envFrom({ BENCH_ROUTES: "true" }).BENCH_ROUTES).toBe(false);
  });

  it("reads process.env when a value is used, so a change at run time is seen", () => {
    process.env.POST_RATE_LIMIT = "4";
    expect(env.POST_RATE_LIMIT).toBe(4);
    process.env.POST_RATE_LIMIT = "5";
    expect(env.POST_RATE_LIMIT).toBe(5);
  });

  it("fails on an invalid value with a message naming the variable", () => {
    expect(() => envFrom({ DATABASE_POOL_SIZE: "ten" }).DATABASE_POOL_SIZE).toThrow(/DATABASE_POOL_SIZE="ten"/);
    let error: unknown;
    try {
      validateEnv({ NEXTAUTH_URL: "not a url", SEED_DEMO: "yes", PORT: "3000" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect((error as InvalidEnvironmentError).problems.map((p) => p.split("=")[0])).toEqual(["SEED_DEMO", "NEXTAUTH_URL"]);
  });

  it("needs nothing: an empty environment is valid (next build, the embedded demo)", () => {
    expect(() => validateEnv({})).not.toThrow();
  });
});
