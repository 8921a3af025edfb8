import "server-only";
import { cache } from "react";
import { getDb } from "@/db/app-db";
import { loadViewer } from "@/server/members/memberships";
import { getSessionUserId } from "./auth-options";

/** The signed-in viewer for server components, read fresh from the database once per request. */
export const getViewer = cache(async () => {
  const userId = await getSessionUserId();
  if (!userId) return null;
  return loadViewer(await getDb(), userId);
});
