import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { MembersPanel } from "@/components/admin/members-panel";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminPage() {
  const viewer = await requireViewer("/admin");
  if (viewer.globalRole !== "admin") notFound();
  const [t, tMail, tSso, caller] = await Promise.all([
    getTranslations("admin"),
    getTranslations("mail.admin"),
    getTranslations("sso.admin"),
    getServerCaller(),
  ]);
  const cities = await caller.cities.list();
  return (
    <div className="space-y-6">
      <h1>{t("title")}</h1>
      <p>
        <Link href="/admin/mail" className="underline" data-testid="admin-mail-link">
          {tMail("title")}
        </Link>
      </p>
      <p>
        <Link href="/admin/sso" className="underline" data-testid="admin-sso-link">
          {tSso("link")}
        </Link>
      </p>
      <MembersPanel cities={cities.map((c) => ({ id: c.id, name: c.name }))} />
    </div>
  );
}
