import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotificationBell } from "@/components/notifications/notification-bell";
import type { Viewer } from "@/server/members/memberships";
import { LanguageSwitch } from "./language-switch";
import { navItemsFor } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader({ viewer }: { viewer: Viewer | null }) {
  const t = await getTranslations("common");
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
          {viewer ? (
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
