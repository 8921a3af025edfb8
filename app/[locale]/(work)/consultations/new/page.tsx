import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { characteristicOptions } from "@/app/_lib/framework-options";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { OpenConsultationForm } from "@/components/participation/open-consultation-form";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { currentFramework } from "@/server/scoring/framework-registry";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participation.openForm"))("title") };
}

export default async function NewConsultationPage() {
  await requireViewer("/consultations/new");
  const [t, caller, lang] = await Promise.all([getTranslations("participation.openForm"), getServerCaller(), pageLang()]);
  const assessments = await caller.consultations.consultableAssessments();
  const defaultClosesOn = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href="/consultations" className="text-sm">
          ← {t("back")}
        </Link>
        <h1 className="mt-2">{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("intro")}</p>
      </div>
      <Card>
        {assessments.length === 0 ? (
          <Alert tone="info">{t("noDraft")}</Alert>
        ) : (
          <OpenConsultationForm
            assessments={assessments.map((a) => ({
              assessmentId: a.assessmentId,
              label: t("assessmentLabel", { city: a.cityName, cycle: a.cycle }),
            }))}
            characteristics={characteristicOptions(currentFramework().characteristics, lang)}
            defaultClosesOn={defaultClosesOn}
          />
        )}
      </Card>
    </div>
  );
}
