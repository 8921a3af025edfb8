import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";

// The page helpers are marked server-only; under vitest there is no react-server condition.
vi.mock("server-only", () => ({}));
// The page's locale comes from its URL segment; here, a Chinese page (no Next request to read it from).
vi.mock("next-intl/server", () => ({ getLocale: async () => "zh" }));

const { FORBIDDEN, loadForPage, pageRefusalOf } = await import("@/app/_lib/page-errors");
const { signInPathFor } = await import("@/app/_lib/sign-in-redirect");
const { frameworkOf } = await import("@/server/assessments/assessment-framework");
const { CURRENT_FRAMEWORK_KEY, CURRENT_FRAMEWORK_VERSION, currentFramework } = await import("@/server/scoring/framework-registry");

/** What Next's redirect()/notFound() threw: their digest says which page the visitor gets. */
async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    const value = await promise;
    return `value:${String(value)}`;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT;")) return `redirect:${digest.split(";")[2]}`;
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "not-found";
    return `thrown:${(error as Error).message}`;
  }
}

const refused = (code: TRPCError["code"]) => Promise.reject(new TRPCError({ code, message: code }));

describe("the page error mapper", () => {
  it("sends a visitor who is not signed in to sign in, in the page's language, coming back to the page", async () => {
    expect(await outcomeOf(loadForPage(refused("UNAUTHORIZED"), "/leadership?city=amsterdam"))).toBe(
      "redirect:/zh/sign-in?callbackUrl=%2Fleadership%3Fcity%3Damsterdam",
    );
  });

  it("shows not found for a missing resource and for an input the router rejects", async () => {
    expect(await outcomeOf(loadForPage(refused("NOT_FOUND"), "/x"))).toBe("not-found");
    expect(await outcomeOf(loadForPage(refused("BAD_REQUEST"), "/x"))).toBe("not-found");
  });

  it("shows not found for a refusal unless the page asks to explain it", async () => {
    expect(await outcomeOf(loadForPage(refused("FORBIDDEN"), "/x"))).toBe("not-found");
    expect(await outcomeOf(loadForPage(refused("FORBIDDEN"), "/x", { forbidden: "return" }))).toBe(`value:${FORBIDDEN}`);
  });

  it("passes everything else on to the error boundary, and results through unchanged", async () => {
    expect(await outcomeOf(loadForPage(refused("INTERNAL_SERVER_ERROR"), "/x"))).toBe("thrown:INTERNAL_SERVER_ERROR");
    expect(await outcomeOf(loadForPage(refused("TOO_MANY_REQUESTS"), "/x"))).toBe("thrown:TOO_MANY_REQUESTS");
    expect(await outcomeOf(loadForPage(Promise.reject(new Error("database down")), "/x"))).toBe("thrown:database down");
    expect(await outcomeOf(loadForPage(Promise.resolve(42), "/x", { forbidden: "return" }))).toBe("value:42");
    expect(pageRefusalOf(new Error("plain"))).toBeNull();
  });

  it("builds the sign-in link with the path encoded", () => {
    expect(signInPathFor("/consultations/abc")).toBe("/sign-in?callbackUrl=%2Fconsultations%2Fabc");
  });
});

describe("frameworkOf", () => {
  it("returns the edition an assessment is pinned to", () => {
    expect(frameworkOf({ frameworkKey: CURRENT_FRAMEWORK_KEY, frameworkVersion: CURRENT_FRAMEWORK_VERSION })).toBe(currentFramework());
  });

  it("refuses an edition that is not registered instead of showing another edition's texts", () => {
    expect(() => frameworkOf({ frameworkKey: CURRENT_FRAMEWORK_KEY, frameworkVersion: "1999.9" })).toThrow(/not registered/);
  });
});
