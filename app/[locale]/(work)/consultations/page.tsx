import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { characteristicOptions } from "@/app/_lib/framework-options";
import { pageLang } from "@/app/_lib/page-language";
import { PostingBlockedBanner } from "@/components/participation/posting-blocked-banner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import type { ConsultationListItem } from "@/server/consultations/consultations";
import { currentFramework } from "@/server/scoring/framework-registry";
import { getViewer } from "@/server/session/viewer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("participation.list");
  return { title: t("title"), description: t("intro") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ConsultationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const cursor = typeof params.cursor === "string" && UUID.test(params.cursor) ? params.cursor : null;
  const [t, viewer, caller, lang] = await Promise.all([getTranslations("participation.list"), getViewer(), getServerCaller(), pageLang()]);
  const open = await caller.consultations.listOpen({ cursor, limit: 20 });
  const ledCities = viewer?.memberships.filter((m) => m.role === "leadership") ?? [];
  const [consultable, cityLists] = await Promise.all([
    ledCities.length ? caller.consultations.consultableAssessments() : Promise.resolve([]),
    Promise.all(ledCities.map(async (m) => ({ city: m, list: await caller.consultations.listForCity({ cityId: m.cityId, limit: 20 }) }))),
  ]);
  const names = new Map(characteristicOptions(currentFramework().characteristics, lang).map((c) => [c.key, c.name]));

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h1>{t("title")}</h1>
          <p className="mt-2 text-slate-700">{t("intro")}</p>
        </div>
        {consultable.length ? (
          <Button asChild>
            <Link href="/consultations/new">{t("openNew")}</Link>
          </Button>
        ) : null}
      </div>
      <PostingBlockedBanner reason={viewer?.postingBlockedAt ? (viewer.postingBlockedReason ?? "") : null} />

      {cityLists.map(({ city, list }) => (
        <Card key={city.cityId}>
          <h2 className="mb-3">{t("yourCity", { city: city.cityName })}</h2>
          {list.items.length === 0 ? (
            <EmptyState title={t("noneInCity")}>{consultable.length ? t("noneInCityHint") : t("noDraftHint")}</EmptyState>
          ) : (
            <ConsultationRows items={list.items} names={names} withSummary />
          )}
        </Card>
      ))}

      <section aria-labelledby="open-consultations" className="space-y-3">
        <h2 id="open-consultations">{t("openTitle")}</h2>
        {open.items.length === 0 ? (
          <EmptyState title={t("noneOpen")}>{t("noneOpenHint")}</EmptyState>
        ) : (
          <ConsultationRows items={open.items} names={names} />
        )}
        <div className="flex gap-3">
          {cursor ? (
            <Link href="/consultations" className="text-sm">
              {t("firstPage")}
            </Link>
          ) : null}
          {open.nextCursor ? (
            <Link href={`/consultations?cursor=${open.nextCursor}`} className="text-sm">
              {t("nextPage")}
            </Link>
          ) : null}
        </div>
      </section>
    </div>
  );
}

async function ConsultationRows({
  items,
  names,
  withSummary,
}: {
  items: ConsultationListItem[];
  names: Map<string, string>;
  withSummary?: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("participation.list"), getFormatter()]);
  return (
    <ul className="grid gap-3 md:grid-cols-2" data-testid="consultation-list">
      {items.map((c) => (
        <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-slate-700">{c.city.name}</span>
            <Badge tone={c.isOpen ? "green" : "slate"}>{c.isOpen ? t("open") : t("closed")}</Badge>
          </div>
          <h3 className="mt-2 text-base">
            <Link href={`/consultations/${c.id}`}>{c.question}</Link>
          </h3>
          <p className="mt-1 text-sm text-slate-600">{c.characteristicKeys.map((k) => names.get(k) ?? k).join(" · ")}</p>
          <p className="mt-2 text-sm text-slate-600">
            {c.isOpen
              ? t("closesOn", { date: format.dateTime(c.closesAt, { dateStyle: "long" }) })
              : t("closedOn", { date: format.dateTime(c.closedAt ?? c.closesAt, { dateStyle: "long" }) })}
            {" · "}
            {t("answers", { count: c.feedbackCount })}
          </p>
          {withSummary ? (
            <p className="mt-2 text-sm">
              <Link href={`/consultations/${c.id}/summary`}>{t("seeSummary")}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
