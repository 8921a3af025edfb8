import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/session/auth-options";
import { withSignInThrottleStatus } from "@/server/session/sign-in";

export const dynamic = "force-dynamic";

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // A throttled sign-in answers 429 with Retry-After (server/session/sign-in-throttle.ts).
  return withSignInThrottleStatus(() => NextAuth(getAuthOptions())(req, ctx));
}

export { handler as GET, handler as POST };
