import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { BlockedUsersList } from "@/components/participation/blocked-users-list";
import { ModerationQueue } from "@/components/participation/moderation-queue";
import { Card } from "@/components/ui/card";
import { getServerCaller } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participation.moderation"))("title") };
}

export default async function ModerationPage() {
  const viewer = await requireViewer("/moderation");
  if (!viewer.globalRole || !can(viewer.globalRole, "moderation:act")) notFound();
  const [t, caller] = await Promise.all([getTranslations("participation.moderation"), getServerCaller()]);
  const cities = await caller.cities.list();
  return (
    <div className="space-y-6">
      <div className="max-w-3xl">
        <h1>{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("intro")}</p>
      </div>
      <ModerationQueue cities={cities.map((c) => ({ id: c.id, slug: c.slug, name: c.name }))} />
      <Card>
        <h2 className="mb-3">{t("blockedUsers.title")}</h2>
        <BlockedUsersList />
      </Card>
    </div>
  );
}
