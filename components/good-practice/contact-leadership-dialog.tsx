"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import {
  GOOD_PRACTICE_MESSAGE_MAX,
  GOOD_PRACTICE_MESSAGE_MIN,
  GOOD_PRACTICE_MESSAGES_PER_HOUR,
  goodPracticeMessageBodySchema,
} from "@/server/good-practice/good-practice-schemas";
import type { CharacteristicKey } from "@/shared/domain-values";

const formSchema = z.object({ body: goodPracticeMessageBodySchema });

type Props = {
  cityId: string;
  target: { id: string; name: string };
  characteristic: { key: CharacteristicKey; name: string };
  nextLevelName: string;
  sender: { name: string; cityName: string };
};

/** "Contact their leadership group": a message through the platform, never an email address. */
export function ContactLeadershipDialog({ cityId, target, characteristic, nextLevelName, sender }: Props) {
  const t = useTranslations("goodPractice");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useMutation(trpc.goodPractice.contact.mutationOptions());
  const form = useForm<z.input<typeof formSchema>>({ resolver: zodResolver(formSchema), defaultValues: { body: "" } });
  const submit = form.handleSubmit(async ({ body }) => {
    setFormError(null);
    try {
      await send.mutateAsync({ cityId, targetCityId: target.id, characteristicKey: characteristic.key, body });
      const text = t("sent", { city: target.name });
      setSentTo(text);
      toast.success(text);
      form.reset();
      setOpen(false);
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["body"]));
    }
  });
  return (
    <div className="space-y-2">
      <Dialog.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setFormError(null);
        }}
      >
        <Dialog.Trigger asChild>
          <Button type="button" variant="secondary" size="sm">
            {t("contact")}
          </Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
          <Dialog.Content
            className="fixed left-1/2 top-1/2 z-50 max-h-[calc(100vh-2rem)] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-5 shadow-lg focus:outline-none"
            data-testid="contact-leadership-dialog"
          >
            <Dialog.Title className="text-base font-semibold text-slate-900">{t("contactTitle", { city: target.name })}</Dialog.Title>
            <Dialog.Description className="mt-2 text-sm text-slate-600">
              {t("contactIntro", { city: target.name, sender: `${sender.name}, ${sender.cityName}` })}
            </Dialog.Description>
            <form onSubmit={submit} noValidate className="mt-4 space-y-4">
              {formError ? <Alert>{formError}</Alert> : null}
              <TextAreaField
                label={t("message")}
                hint={t("messageHint", {
                  min: GOOD_PRACTICE_MESSAGE_MIN,
                  max: GOOD_PRACTICE_MESSAGE_MAX,
                  perHour: GOOD_PRACTICE_MESSAGES_PER_HOUR,
                })}
                placeholder={t("messagePlaceholder", { to: nextLevelName, characteristic: characteristic.name })}
                maxLength={GOOD_PRACTICE_MESSAGE_MAX}
                rows={6}
                error={form.formState.errors.body?.message}
                {...form.register("body")}
              />
              <div className="flex justify-end gap-2">
                <Dialog.Close asChild>
                  <Button type="button" variant="secondary">
                    {t("cancel")}
                  </Button>
                </Dialog.Close>
                <Button type="submit" disabled={form.formState.isSubmitting}>
                  {form.formState.isSubmitting ? t("sending") : t("send")}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      {sentTo ? <Alert tone="success">{sentTo}</Alert> : null}
    </div>
  );
}
