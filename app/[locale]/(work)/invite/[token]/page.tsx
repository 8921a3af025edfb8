import { eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { getDb } from "@/db/app-db";
import { cities } from "@/db/schema/identity";
import { getServerCaller } from "@/server/api/server-caller";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, tRoles, caller] = await Promise.all([getTranslations("auth.invite"), getTranslations("common.roles"), getServerCaller()]);
  const invitation = await caller.accounts.invitation({ token });
  if (!invitation) {
    return (
      <div className="mx-auto max-w-md">
        <Alert>{t("invalid")}</Alert>
      </div>
    );
  }
  const [city] = await (await getDb()).select({ name: cities.name }).from(cities).where(eq(cities.id, invitation.cityId));
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1>{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("intro", { city: city?.name ?? "", role: tRoles(invitation.role) })}</p>
        <p className="mb-6 mt-1 text-sm text-slate-500">{t("for", { email: invitation.email })}</p>
        <AcceptInvitationForm token={token} />
      </Card>
    </div>
  );
}
