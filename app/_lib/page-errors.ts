import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { redirectInLocale, signInPathFor } from "./sign-in-redirect";

/**
 * What a page shows when a procedure it called refuses: the one mapping from tRPC error codes to
 * page results. `null` means the error is not a refusal (a bug, the database is down): it goes on
 * to the error boundary (app/error.tsx).
 */
type PageRefusal = "sign-in" | "not-found" | "forbidden";

export function pageRefusalOf(error: unknown): PageRefusal | null {
  if (!(error instanceof TRPCError)) return null;
  switch (error.code) {
    case "UNAUTHORIZED":
      return "sign-in";
    // An input the router rejects (a malformed id in the URL) names nothing that exists.
    case "NOT_FOUND":
    case "BAD_REQUEST":
      return "not-found";
    case "FORBIDDEN":
      return "forbidden";
    default:
      return null;
  }
}

export const FORBIDDEN = "forbidden" as const;

/**
 * Server pages call procedures directly (no HTTP); a refusal becomes the page a visitor should see:
 * sign in (and come back to `path`), or "not found" for anything hidden or missing. A FORBIDDEN
 * refusal is "not found" too, unless the page asks for it (`{ forbidden: "return" }`) to explain
 * itself; then the result is `FORBIDDEN`. Anything else is rethrown to the error boundary.
 */
export async function loadForPage<T>(promise: Promise<T>, path: string): Promise<T>;
export async function loadForPage<T>(promise: Promise<T>, path: string, options: { forbidden: "return" }): Promise<T | typeof FORBIDDEN>;
export async function loadForPage<T>(promise: Promise<T>, path: string, options?: { forbidden: "return" }): Promise<T | typeof FORBIDDEN> {
  try {
    return await promise;
  } catch (error) {
    const refusal = pageRefusalOf(error);
    if (refusal === "sign-in") return redirectInLocale(signInPathFor(path));
    if (refusal === "forbidden" && options?.forbidden === "return") return FORBIDDEN;
    if (refusal === "not-found" || refusal === "forbidden") notFound();
    throw error;
  }
}
