import "server-only";
import { getLocale } from "next-intl/server";
import { redirect } from "@/i18n/navigation";
import { getViewer } from "@/server/session/viewer";

/** The sign-in page, coming back to `path` (a same-site path without locale, query included) once signed in. */
export function signInPathFor(path: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}

/** Redirects to `href` (written without the locale) in the page's current locale. */
export async function redirectInLocale(href: string): Promise<never> {
  return redirect({ href, locale: await getLocale() });
}

/**
 * The signed-in viewer of a page that needs one; a visitor who is not signed in is sent to sign in
 * and brought back to `path` afterwards.
 */
export async function requireViewer(path: string) {
  const viewer = await getViewer();
  if (!viewer) return redirectInLocale(signInPathFor(path));
  return viewer;
}
