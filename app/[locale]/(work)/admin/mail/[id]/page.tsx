import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { MailRetryButton } from "@/components/mail/mail-retry-button";
import { Badge } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import type { MailStatus } from "@/server/mail/mail-values";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("mail.admin"))("title") };
}

/** One message: headers, the plain-text part, and the HTML part in a sandboxed frame (no scripts, no links followed). */
export default async function AdminMailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/admin/mail/${id}`);
  if (viewer.globalRole !== "admin") notFound();
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [t, format, caller] = await Promise.all([getTranslations("mail.admin"), getFormatter(), getServerCaller()]);
  const mail = await caller.mail.get({ id }).catch(() => null);
  if (!mail) notFound();
  return (
    <div className="space-y-4">
      <Link href="/admin/mail" className="text-sm underline">
        {t("back")}
      </Link>
      <h1 className="break-words">{mail.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("recipient")}</dt>
        <dd className="break-all" data-testid="mail-recipient">
          {mail.toAddress}
        </dd>
        <dt className="font-medium">{t("date")}</dt>
        <dd>{format.dateTime(mail.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</dd>
        <dt className="font-medium">{t("status")}</dt>
        <dd className="flex items-center gap-2">
          <Badge>{t(`statuses.${mail.status as MailStatus}`)}</Badge>
          {mail.status === "dead" ? <MailRetryButton id={mail.id} /> : null}
        </dd>
        <dt className="font-medium">{t("attempts")}</dt>
        <dd>{mail.attempts}</dd>
        {mail.lastError ? (
          <>
            <dt className="font-medium">{t("lastError")}</dt>
            <dd className="break-words">{mail.lastError}</dd>
          </>
        ) : null}
        {mail.deliveredTo ? (
          <>
            <dt className="font-medium">{t("deliveredTo")}</dt>
            <dd className="break-all">{mail.deliveredTo}</dd>
          </>
        ) : null}
        {Object.entries(mail.headers).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-medium">{name}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-label={t("textPart")}>
        <h2 className="text-base font-semibold">{t("textPart")}</h2>
        <pre
          className="mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3 text-sm"
          data-testid="mail-text"
        >
          {mail.textBody}
        </pre>
      </section>
      <section aria-label={t("htmlPart")}>
        <h2 className="text-base font-semibold">{t("htmlPart")}</h2>
        <iframe
          title={t("htmlPart")}
          sandbox=""
          srcDoc={mail.htmlBody}
          className="mt-2 h-96 w-full rounded border border-slate-200 bg-white"
        />
      </section>
    </div>
  );
}
