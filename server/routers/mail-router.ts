import { env } from "@/env";
import { DomainError } from "@/server/errors/domain-error";
import { mailDirectory } from "@/server/mail/mail-config";
import {
  invitationMailStatusSchema,
  listMailSchema,
  mailIdSchema,
  rememberLocaleSchema,
  updateMailSettingsSchema,
} from "@/server/mail/mail-schemas";
import { getMailSettings, rememberSiteLocale, saveMailSettings } from "@/server/mail/mail-settings";
import { getMail, listMail, mailStatusFor, retryDeadMail } from "@/server/mail/outbox";
import { authedProcedure, router } from "@/server/trpc/init";
import { cityProcedure, globalProcedure } from "@/server/trpc/procedures";

const mailAdminProcedure = globalProcedure("mail:manage");

/** Outgoing mail for the platform admin; each user's own mail settings; an invitation's delivery. */
export const mailRouter = router({
  list: mailAdminProcedure.input(listMailSchema).query(async ({ ctx, input }) => ({
    ...(await listMail(ctx.db, input)),
    transport: env.SMTP_URL ? { kind: "smtp" as const } : { kind: "file" as const, dir: mailDirectory() },
  })),
  get: mailAdminProcedure.input(mailIdSchema).query(({ ctx, input }) => getMail(ctx.db, input.id)),
  retry: mailAdminProcedure.input(mailIdSchema).mutation(({ ctx, input }) => retryDeadMail(ctx.db, input.id)),
  /** Whether the invitation mail went out; the admin who invited sees the link only if it failed. */
  invitationStatus: cityProcedure("member:invite")
    .input(invitationMailStatusSchema)
    .query(async ({ ctx, input }) => {
      const status = await mailStatusFor(ctx.db, input.invitationId);
      if (!status || status.cityId !== ctx.cityId) throw new DomainError("NOT_FOUND", "No mail for this invitation.");
      return { status: status.status, attempts: status.attempts };
    }),
  settings: authedProcedure.query(({ ctx }) => getMailSettings(ctx.db, ctx.userId)),
  updateSettings: authedProcedure.input(updateMailSettingsSchema).mutation(async ({ ctx, input }) => {
    await saveMailSettings(ctx.db, ctx.userId, input);
    return getMailSettings(ctx.db, ctx.userId);
  }),
  /** The language switch, while signed in: the site's new language becomes the mail language. */
  rememberLocale: authedProcedure.input(rememberLocaleSchema).mutation(async ({ ctx, input }) => {
    await rememberSiteLocale(ctx.db, ctx.userId, input.locale);
    return { locale: input.locale };
  }),
});
