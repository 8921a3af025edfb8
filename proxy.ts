import { type NextRequest, NextResponse } from "next/server";
import createIntlMiddleware from "next-intl/middleware";
import { env } from "@/env";
import { routing } from "@/i18n/routing";
import { malformedPathResponse } from "@/server/http/malformed-path";
import { filteredPagePath } from "@/server/http/public-page-query";

/**
 * Runs before every page and every state-changing API route (see `config.matcher`; static assets,
 * next-auth's own routes and the GET-only open data API never reach it). Two jobs, both cheap:
 *
 * 1. Pages: a path without its locale is redirected to one (next-intl: cookie, then
 *    Accept-Language), and every page gets a Content-Security-Policy. Pages rendered per request get
 *    a fresh nonce (Next's documented recipe: Next reads it from the CSP *request* header and puts it
 *    on its own scripts). Public pages served from Next's cache cannot carry a per-request nonce, so
 *    they get a fixed policy allowing this site's scripts and inline scripts (see docs/security.md).
 * 2. API mutations from another site are refused with 403, before any handler runs: a form or fetch
 *    on any site can POST `multipart/form-data` here without a preflight. SameSite=Lax keeps the
 *    session cookie off most of those, but not off requests from a sibling subdomain (same site),
 *    nor in browsers with the "Lax+POST" allowance; checking Origin/Sec-Fetch-Site does not depend
 *    on cookie rules.
 */

const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'); never
 * 'unsafe-inline' for scripts. Styles allow inline: React renders `style` attributes into the HTML
 * (Recharts' containers, Radix positioning) and Radix adds a `<style>` element for scroll locking,
 * none of which can carry a nonce, and a nonce in style-src would switch 'unsafe-inline' off.
 */
export function contentSecurityPolicy(nonce: string | null, options: { dev: boolean; https: boolean }): string {
  const scripts = nonce === null ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}' 'strict-dynamic'`;
  const directives = [
    "default-src 'self'",
    `script-src ${scripts}${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  // Only over https: on a plain-http deployment (an intranet, the e2e run) it would break every asset.
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

function configuredOrigin(): string | null {
  try {
    return env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : null;
  } catch {
    return null;
  }
}

/**
 * Our own origin is the one the request was addressed to (its Host), or the configured public URL
 * when a reverse proxy rewrites Host or the scheme. Forwarded headers are not trusted here.
 */
function isOwnOrigin(origin: string, request: NextRequest): boolean {
  if (origin === request.nextUrl.origin || origin === configuredOrigin()) return true;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false; // "null" (sandboxed frames, opaque redirects) or garbage
  }
}

/** Why a request is refused as cross-site, or null. Only mutations are checked; GET must stay safe. */
export function crossSiteRefusal(request: NextRequest): string | null {
  if (!MUTATING_METHODS.has(request.method)) return null;
  if (request.headers.get("sec-fetch-site") === "cross-site") return "Sec-Fetch-Site is cross-site";
  const origin = request.headers.get("origin");
  if (origin !== null && !isOwnOrigin(origin, request)) return "Origin is not this site";
  return null;
}

const intlMiddleware = createIntlMiddleware(routing);

/**
 * The pages that are the same for every visitor and served from Next's cache (home, cities list,
 * city page, benchmark, compare, open data): no per-request nonce is possible there.
 */
const CACHED_PUBLIC_PAGE = /^\/(?:en|zh)(?:\/cities(?:\/[^/]+)?|\/benchmark|\/compare|\/open-data)?\/?$/;

export function isCachedPublicPage(pathname: string): boolean {
  return CACHED_PUBLIC_PAGE.test(pathname);
}

export function proxy(request: NextRequest) {
  const malformed = malformedPathResponse(request);
  if (malformed) return malformed;
  if (request.nextUrl.pathname.startsWith("/api/")) {
    if (crossSiteRefusal(request)) {
      return NextResponse.json(
        { error: { code: "FORBIDDEN", message: "Cross-site requests may not change data here." } },
        { status: 403, headers: { "Cache-Control": "no-store" } },
      );
    }
    return NextResponse.next();
  }

  const localized = intlMiddleware(request);
  // A path without its locale: next-intl answers with the redirect to the localized address.
  if (localized.headers.has("location")) return localized;

  const nonce = isCachedPublicPage(request.nextUrl.pathname) ? null : createNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: (env.NEXTAUTH_URL ?? request.nextUrl.href).startsWith("https:"),
  });
  const requestHeaders = new Headers(request.headers);
  if (nonce !== null) requestHeaders.set("x-nonce", nonce);
  // What next-intl's middleware tells the page (its request header; its own response is not used).
  requestHeaders.set("X-NEXT-INTL-LOCALE", request.nextUrl.pathname.split("/")[1] ?? routing.defaultLocale);
  requestHeaders.set("Content-Security-Policy", policy);
  // A filtered public page is served from the cache entry of its canonical filter (see the module).
  const filtered = filteredPagePath(request.nextUrl.pathname, request.nextUrl.searchParams);
  const response = filtered
    ? NextResponse.rewrite(new URL(filtered, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  // next-intl's own response headers (the locale cookie), without its internal middleware ones.
  localized.headers.forEach((value, name) => {
    if (!name.startsWith("x-middleware-")) response.headers.append(name, value);
  });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    // API routes that can change data; next-auth has its own CSRF token, /api/v1 is GET-only open data.
    "/api/((?!auth/|v1/).*)",
    // Any API path with percent-encoding, so a broken one is a 400 (server/http/malformed-path.ts).
    "/api/(auth|v1)/(.*%.*)",
    // Pages, not static files or prefetches (a prefetch's payload carries no scripts of its own).
    {
      source: "/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|woff2?)$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
