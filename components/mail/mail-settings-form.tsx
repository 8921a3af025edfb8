"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { DIGEST_FREQUENCIES, type DigestFrequency } from "@/server/mail/mail-settings-values";

type Settings = { digest: DigestFrequency; locale: "en" | "zh"; unverified: boolean };

/** How often notification e-mails come (immediately, daily, weekly, never) and in which language. */
export function MailSettingsForm({ initial }: { initial: Settings }) {
  const t = useTranslations("mail.settings");
  const trpc = useTRPC();
  const headingId = useId();
  const [digest, setDigest] = useState(initial.digest);
  const [locale, setLocale] = useState(initial.locale);
  const save = useMutation(trpc.mail.updateSettings.mutationOptions());
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({ digest, locale });
      toast.success(t("saved"));
    } catch {
      toast.error(t("failed"));
    }
  };
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-base font-semibold">
        {t("title")}
      </h2>
      {initial.unverified ? (
        <div className="mt-2">
          <Alert tone="info">{t("unverified")}</Alert>
        </div>
      ) : null}
      <form onSubmit={onSubmit} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <SelectField label={t("frequency")} value={digest} onChange={(e) => setDigest(e.target.value as DigestFrequency)} name="digest">
          {DIGEST_FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`frequencies.${f}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("language")} value={locale} onChange={(e) => setLocale(e.target.value as "en" | "zh")} name="locale">
          <option value="en">English</option>
          <option value="zh">中文</option>
        </SelectField>
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
      </form>
      <p className="mt-2 text-xs text-slate-600">{t("languageHint")}</p>
    </section>
  );
}
