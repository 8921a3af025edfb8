import { z } from "zod";
import type { Db } from "@/db/client";
import { localeOfRequest } from "@/i18n/locales";
import { reportUnexpectedError } from "@/server/errors/report-error";
import { rememberSiteLocale } from "@/server/mail/mail-settings";

const userIdSchema = z.uuid();

/**
 * At every successful sign-in (password or single sign-on): the language the person uses the site
 * in (the locale cookie, else Accept-Language: what the proxy shows them) becomes their mail
 * language. Never fails the sign-in: an error is reported and the stored language stays.
 */
export async function rememberSignInLocale(getDb: () => Promise<Db>, userId: string | undefined, requestHeaders: Headers): Promise<void> {
  if (!userIdSchema.safeParse(userId).success) return;
  try {
    await rememberSiteLocale(await getDb(), userId!, localeOfRequest(requestHeaders));
  } catch (error) {
    reportUnexpectedError(error, "sign-in locale");
  }
}
