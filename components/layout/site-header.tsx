"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Link } from "@/i18n/navigation";
import { LanguageSwitch } from "./language-switch";
import { navItemsFor } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

/**
 * The site header, a client island: the page around it is the same for every visitor (and can be
 * served from cache), while the signed-in part (name, bell, role links) comes from one small query.
 */
export function SiteHeader() {
  const t = useTranslations("common");
  const trpc = useTRPC();
  const viewerQuery = useQuery({ ...trpc.accounts.headerViewer.queryOptions(), staleTime: 60_000 });
  const viewer = viewerQuery.data ?? null;
  const items = navItemsFor(viewer);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold text-brand-900 no-underline">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
            SC
          </span>
          {t("appName")}
        </Link>
        <nav aria-label={t("nav.label")} className="order-3 w-full overflow-x-auto md:order-none md:w-auto md:flex-1">
          <ul className="flex gap-1 text-sm">
            {items.map((item) => (
              <li key={item.key + item.href}>
                <Link
                  href={item.href}
                  className="block whitespace-nowrap rounded-md px-2.5 py-1.5 text-slate-700 no-underline hover:bg-slate-100 hover:text-slate-900"
                >
                  {t(`nav.${item.key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitch />
          {viewerQuery.isPending ? (
            <span className="h-8 w-20" aria-hidden />
          ) : viewer ? (
            <>
              <NotificationBell />
              <span className="hidden text-sm text-slate-600 sm:inline" data-testid="viewer-name">
                {viewer.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link
              href="/sign-in"
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-700"
            >
              {t("nav.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
