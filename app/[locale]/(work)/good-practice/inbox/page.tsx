import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("goodPractice"))("inbox.title") };
}

/** Messages other cities sent to this city's leadership group from the good-practice finder. */
export default async function GoodPracticeInboxPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/good-practice/inbox?city=${encodeURIComponent(requestedSlug)}` : "/good-practice/inbox";
  const viewer = await requireViewer(path);
  const [t, locale, format, caller] = await Promise.all([getTranslations("goodPractice"), getLocale(), getFormatter(), getServerCaller()]);
  const leadershipCities = viewer.memberships.filter((m) => m.role === "leadership");
  const selected = leadershipCities.find((m) => m.citySlug === requestedSlug) ?? leadershipCities[0];
  if (!selected) {
    return (
      <div className="space-y-6">
        <h1>{t("inbox.title")}</h1>
        <EmptyState title={t("inbox.onlyLeadership")} />
      </div>
    );
  }
  const inbox = await loadForPage(caller.goodPractice.inbox({ cityId: selected.cityId, limit: 100 }), path);
  const names = characteristicLabels(locale).names;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1>{`${t("inbox.title")} · ${selected.cityName}`}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("inbox.intro")}</p>
        <p className="mt-1 text-sm">
          <Link href={`/good-practice?city=${encodeURIComponent(selected.citySlug)}`}>{t("title")}</Link>
        </p>
      </div>
      {inbox.items.length === 0 ? (
        <EmptyState title={t("inbox.empty")} />
      ) : (
        <ul className="space-y-3" data-testid="good-practice-inbox">
          {inbox.items.map((m) => (
            <li key={m.id}>
              <Card>
                <p className="text-sm font-medium text-slate-900">
                  {t("inbox.from", {
                    name: m.senderName,
                    role: t(`inbox.roles.${m.senderRole === "leadership" ? "leadership" : "department"}`),
                    city: m.senderCity.localizedName,
                  })}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={m.createdAt.toISOString()}>
                    {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                  {m.characteristicKey
                    ? ` · ${t("inbox.about", { characteristic: names[m.characteristicKey] ?? m.characteristicKey })}`
                    : null}
                </p>
                <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{m.body}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
