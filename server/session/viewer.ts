import "server-only";
import { cache } from "react";
import { getDb } from "@/db/app-db";
import { loadViewer } from "@/server/members/memberships";
import { readSessionToken } from "./auth-options";

/**
 * The signed-in viewer for server components, read fresh from the database once per request. The
 * session-version check is folded into the viewer's own user read (no extra query).
 */
export const getViewer = cache(async () => {
  const session = await readSessionToken();
  if (!session) return null;
  return loadViewer(await getDb(), session.userId, { sessionVersion: session.sessionVersion });
});
