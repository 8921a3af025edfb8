import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

/**
 * Locale-aware navigation: hrefs are written without the locale ("/cities/x") and get the current
 * one added. Page links, redirects and client navigation use these, never next/link or
 * next/navigation's redirect directly.
 */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
