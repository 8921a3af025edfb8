import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { getServerCaller } from "@/server/trpc/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("common.nav"))("cities") };
}

export default async function CitiesPage() {
  const [t, tRegions, caller] = await Promise.all([getTranslations("common.nav"), getTranslations("common.regions"), getServerCaller()]);
  const cities = await caller.cities.list();
  return (
    <div className="space-y-6">
      <h1>{t("cities")}</h1>
      {cities.length === 0 ? (
        <EmptyState title="—" />
      ) : (
        <Card>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {cities.map((c) => (
              <li key={c.id} className="flex items-center justify-between rounded-md border border-slate-100 px-3 py-2">
                <Link href={`/cities/${c.slug}`}>{c.name}</Link>
                <Badge tone={c.region === "China" ? "red" : "blue"}>{tRegions(c.region)}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
