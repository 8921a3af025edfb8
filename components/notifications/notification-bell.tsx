"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Link } from "@/i18n/navigation";

/** The header's way into the notification list, with the unread count (refreshed every minute). */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 60_000, refetchOnWindowFocus: true });
  const count = unread.data ?? 0;
  return (
    <Link
      href="/notifications"
      aria-label={count > 0 ? t("bellUnread", { count }) : t("bell")}
      className="relative grid h-8 w-8 place-items-center rounded-md text-slate-700 no-underline hover:bg-slate-100"
      data-testid="notification-bell"
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 ? (
        <span
          aria-hidden
          className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
          data-testid="notification-count"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
