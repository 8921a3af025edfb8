import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { MailRetryButton } from "@/components/mail/mail-retry-button";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import type { MailStatus } from "@/server/mail/mail-values";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("mail.admin"))("title") };
}

const TONE: Record<MailStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  pending: "blue",
  sending: "amber",
  sent: "green",
  dead: "red",
};

/** Every mail the platform sends (admin only): recipient, subject, date, status; dead letters can be retried. */
export default async function AdminMailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer("/admin/mail");
  if (viewer.globalRole !== "admin") notFound();
  const params = await searchParams;
  const status = params.status === "dead" ? ("dead" as const) : undefined;
  const before = typeof params.before === "string" && !Number.isNaN(Date.parse(params.before)) ? new Date(params.before) : null;
  const [t, format, caller] = await Promise.all([getTranslations("mail.admin"), getFormatter(), getServerCaller()]);
  const page = await caller.mail.list({ status, before, limit: 50 });
  const filterLink = (dead: boolean, label: string) => (
    <Link
      href={dead ? "/admin/mail?status=dead" : "/admin/mail"}
      aria-current={(status === "dead") === dead ? "page" : undefined}
      className="underline"
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-4">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        <p className="mt-1 text-sm text-slate-600" data-testid="mail-transport">
          {page.transport.kind === "smtp" ? t("transportSmtp") : t("transportFile", { dir: page.transport.dir })}
        </p>
      </div>
      <nav className="flex gap-4 text-sm">
        {filterLink(false, t("all"))}
        {filterLink(true, t("deadOnly"))}
      </nav>
      {page.items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="mail-list">
          {page.items.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm">
              <span className="min-w-0 flex-1">
                <Link href={`/admin/mail/${m.id}`} className="font-medium break-words">
                  {m.subject}
                </Link>
                <span className="block break-all text-slate-600">
                  {t("recipient")}: {m.toAddress}
                </span>
                {m.status === "dead" && m.lastError ? (
                  <span className="block break-words text-red-700">
                    {t("lastError")}: {m.lastError}
                  </span>
                ) : null}
              </span>
              <time dateTime={m.createdAt.toISOString()} className="text-slate-600">
                {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </time>
              <Badge tone={TONE[m.status as MailStatus] ?? "slate"}>{t(`statuses.${m.status as MailStatus}`)}</Badge>
              {m.status === "dead" ? <MailRetryButton id={m.id} /> : null}
            </li>
          ))}
        </ul>
      )}
      {page.nextBefore ? (
        <Link
          href={`/admin/mail?${new URLSearchParams({ ...(status ? { status } : {}), before: page.nextBefore.toISOString() })}`}
          className="text-sm underline"
        >
          {t("loadMore")}
        </Link>
      ) : null}
    </div>
  );
}
