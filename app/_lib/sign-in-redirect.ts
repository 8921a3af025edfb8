import "server-only";
import { redirect } from "next/navigation";
import { getViewer } from "@/server/session/viewer";

/** The sign-in page, coming back to `path` (a same-site path, query included) once signed in. */
export function signInPathFor(path: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}

/**
 * The signed-in viewer of a page that needs one; a visitor who is not signed in is sent to sign in
 * and brought back to `path` afterwards.
 */
export async function requireViewer(path: string) {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPathFor(path));
  return viewer;
}
