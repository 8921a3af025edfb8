import { getTranslations } from "next-intl/server";
import { getQueryClient, HydrateClient, trpcServer } from "@/app/_lib/query-prefetch";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { MailSettingsForm } from "@/components/mail/mail-settings-form";
import { NotificationList } from "@/components/notifications/notification-list";
import { notificationListInput } from "@/components/notifications/notification-query-inputs";
import { nextCursorPage } from "@/components/providers/query-client";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage() {
  await requireViewer("/notifications");
  const [t, mailSettings] = await Promise.all([
    getTranslations("notifications"),
    getServerCaller().then((caller) => caller.mail.settings()),
    getQueryClient().prefetchInfiniteQuery(trpcServer.notifications.list.infiniteQueryOptions(notificationListInput(), nextCursorPage)),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <MailSettingsForm initial={mailSettings} />
      <HydrateClient>
        <NotificationList />
      </HydrateClient>
    </div>
  );
}
