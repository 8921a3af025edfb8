"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { useTRPC } from "@/components/providers/trpc-provider";
import { SearchDialog } from "@/components/search/search-dialog";
import { cn } from "@/components/ui/cn";
import { Drawer } from "@/components/ui/drawer";
import { DropdownMenu, DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { Link, usePathname } from "@/i18n/navigation";
import { LanguageSwitch } from "./language-switch";
import { isCurrentNavItem, type NavItem, navItemsFor } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

/*
 * How many links stand in the bar grows with the width; the others are under "More". Measured with
 * the longest English labels (the expert's) so that nothing is ever cut off or overlaps:
 *   below md (768 px)  no bar links: a menu button opens a drawer with all of them;
 *   md                 the first two; the brand shows only its logo;
 *   lg (1024 px)       the first four;
 *   xl (1280 px)       the first four, the brand's name and the viewer's name.
 * Tailwind needs the class names written out, hence the tables.
 */
const INLINE_CLASS = ["", "", "hidden lg:block", "hidden lg:block"] as const;
const IN_MORE_CLASS = ["", "", "lg:hidden", "lg:hidden"] as const;
const MORE_TRIGGER_CLASS: Record<number, string> = { 3: "lg:hidden", 4: "lg:hidden" };

function currentValue(item: NavItem, pathname: string): "page" | "true" | undefined {
  if (pathname === item.href) return "page";
  return isCurrentNavItem(item, pathname) ? "true" : undefined;
}

/**
 * The site header, a client island: the page around it is the same for every visitor (and can be
 * served from cache), while the signed-in part (name, bell, role links) comes from one small query.
 */
export function SiteHeader() {
  const t = useTranslations("common");
  const trpc = useTRPC();
  const pathname = usePathname();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const viewerQuery = useQuery({ ...trpc.accounts.headerViewer.queryOptions(), staleTime: 60_000 });
  const viewer = viewerQuery.data ?? null;
  const items = navItemsFor(viewer);
  const inline = items.slice(0, INLINE_CLASS.length);
  const more = items.slice(2);
  const moreHoldsCurrent = items.slice(INLINE_CLASS.length).some((item) => isCurrentNavItem(item, pathname));

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3 lg:gap-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 text-base font-semibold text-brand-900 no-underline">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
            SC
          </span>
          <span className="sr-only whitespace-nowrap sm:not-sr-only md:sr-only xl:not-sr-only">{t("appName")}</span>
        </Link>

        <nav aria-label={t("nav.label")} className="hidden min-w-0 flex-1 md:block" data-testid="header-nav">
          <ul className="flex items-center gap-1 text-sm">
            {inline.map((item, index) => (
              <li key={item.href} className={INLINE_CLASS[index]}>
                <Link
                  href={item.href}
                  aria-current={currentValue(item, pathname)}
                  className={cn(
                    "block whitespace-nowrap rounded-md px-2.5 py-1.5 text-slate-700 no-underline hover:bg-slate-100 hover:text-slate-900",
                    isCurrentNavItem(item, pathname) && "bg-brand-50 font-semibold text-brand-900",
                  )}
                >
                  {t(`nav.${item.key}`)}
                </Link>
              </li>
            ))}
            {more.length ? (
              <li className={MORE_TRIGGER_CLASS[items.length]}>
                <DropdownMenu
                  align="start"
                  trigger={
                    <button
                      type="button"
                      className={cn(
                        "flex items-center gap-1 whitespace-nowrap rounded-md px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900 data-[state=open]:bg-slate-100",
                        moreHoldsCurrent && "font-semibold text-brand-900",
                      )}
                      data-testid="nav-more"
                    >
                      {t("nav.more")}
                      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                        <path d="M5.2 7.5a.75.75 0 0 1 1.06 0L10 11.2l3.74-3.7a.75.75 0 1 1 1.06 1.06l-4.27 4.24a.75.75 0 0 1-1.06 0L5.2 8.56a.75.75 0 0 1 0-1.06Z" />
                      </svg>
                    </button>
                  }
                >
                  {more.map((item, index) => (
                    <DropdownMenuItem
                      key={item.href}
                      className={cn(IN_MORE_CLASS[index + 2], isCurrentNavItem(item, pathname) && "font-semibold text-brand-900")}
                    >
                      <Link href={item.href} aria-current={currentValue(item, pathname)}>
                        {t(`nav.${item.key}`)}
                      </Link>
                    </DropdownMenuItem>
                  ))}
                </DropdownMenu>
              </li>
            ) : null}
          </ul>
        </nav>

        <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
          <SearchDialog />
          <LanguageSwitch signedIn={Boolean(viewer)} />
          {viewerQuery.isPending ? (
            <span className="h-8 w-20" aria-hidden />
          ) : viewer ? (
            <>
              <NotificationBell />
              <span
                className="hidden max-w-48 truncate text-sm text-slate-600 xl:inline-block"
                data-testid="viewer-name"
                title={viewer.name}
              >
                {viewer.name}
              </span>
              <SignOutButton className="hidden md:block" />
            </>
          ) : (
            <Link
              href="/sign-in"
              className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-700"
            >
              {t("nav.signIn")}
            </Link>
          )}
          <div className="md:hidden">
            <Drawer
              open={drawerOpen}
              onOpenChange={setDrawerOpen}
              title={t("nav.menuTitle")}
              trigger={
                <button
                  type="button"
                  className="grid h-9 w-9 place-items-center rounded-md text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"
                  data-testid="nav-menu-button"
                >
                  <span className="sr-only">{t("nav.openMenu")}</span>
                  <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
                    <path d="M3 5h14M3 10h14M3 15h14" strokeLinecap="round" />
                  </svg>
                </button>
              }
            >
              <nav aria-label={t("nav.label")}>
                <ul className="space-y-1 text-base">
                  {items.map((item) => (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={currentValue(item, pathname)}
                        onClick={() => setDrawerOpen(false)}
                        className={cn(
                          "block rounded-md px-3 py-2.5 text-slate-800 no-underline hover:bg-slate-100",
                          isCurrentNavItem(item, pathname) && "bg-brand-50 font-semibold text-brand-900",
                        )}
                      >
                        {t(`nav.${item.key}`)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
              {viewer ? (
                <div className="mt-4 border-t border-slate-200 px-3 pt-4">
                  <p className="text-sm text-slate-600" data-testid="drawer-viewer-name">
                    {viewer.name}
                  </p>
                  <SignOutButton className="-ml-2 mt-2" />
                </div>
              ) : null}
            </Drawer>
          </div>
        </div>
      </div>
    </header>
  );
}
