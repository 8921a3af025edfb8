import type { DbOrTx } from "@/db/client";
import { describeUnexpectedError, failureHeaders } from "@/server/errors/unexpected-error";
import { mailLocale } from "./mail-config";
import { isValidUnsubscribeToken, saveMailSettings } from "./mail-settings";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /api/unsubscribe?u=<user>&t=<token>: RFC 8058 one-click (a mail client posts
 * "List-Unsubscribe=One-Click", answered 200) or the button on the unsubscribe page (answered with
 * a redirect back to it). Turns the user's notification e-mails off. GET never changes anything: it
 * leads to the page, so a link scanner that opens the URL unsubscribes nobody.
 */
export async function handleUnsubscribe(getDb: () => Promise<DbOrTx>, secret: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const userId = url.searchParams.get("u") ?? "";
  const token = url.searchParams.get("t") ?? "";
  const locale = mailLocale(url.searchParams.get("locale"));
  const page = (query: string) => new Response(null, { status: 303, headers: { Location: `/${locale}/unsubscribe?${query}` } });
  if (request.method !== "POST") return page(`u=${encodeURIComponent(userId)}&t=${encodeURIComponent(token)}`);
  const body = await request.text().catch(() => "");
  const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
  const valid = UUID.test(userId) && token.length > 0 && isValidUnsubscribeToken(secret, userId, token);
  if (valid) {
    try {
      await saveMailSettings(await getDb(), userId, { digest: "off" });
    } catch (error) {
      // Database down or slow: 503 with Retry-After (the mail client may try again), never internals.
      const failure = describeUnexpectedError(error, "unsubscribe");
      return new Response(`${failure.message} (error id ${failure.errorId})\n`, {
        status: failure.status,
        headers: failureHeaders(failure),
      });
    }
  }
  if (oneClick) return new Response(valid ? "Unsubscribed.\n" : "Invalid unsubscribe link.\n", { status: valid ? 200 : 400 });
  return page(valid ? "done=1" : "invalid=1");
}
