import { type NextRequest, NextResponse } from "next/server";

/**
 * A path whose percent-encoding does not decode (`/api/v1/cities/%`, `%C0%AF`, or `%ED%A0%80`, a
 * lone surrogate) makes Next's router fail while matching a dynamic route; without an App Router
 * `/400` page it then answers 500 before any route code runs. The proxy answers such paths first.
 */
export function hasMalformedPathEncoding(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}

const MESSAGE = "The address is not valid: it contains broken percent-encoding.";

/** 400 for API paths (JSON, in each API's error shape); pages get the app's own not-found page. */
export function malformedPathResponse(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (!hasMalformedPathEncoding(pathname)) return null;
  if (pathname.startsWith("/api/")) {
    const body = pathname.startsWith("/api/v1/") ? { error: MESSAGE } : { error: { code: "BAD_REQUEST", message: MESSAGE } };
    return NextResponse.json(body, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  return NextResponse.rewrite(new URL("/_malformed-address", request.url), { status: 404 });
}
