import { AsyncLocalStorage } from "node:async_hooks";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import enAuth from "@/messages/en/auth.json";
import enValidation from "@/messages/en/validation.json";
import zhAuth from "@/messages/zh/auth.json";
import zhValidation from "@/messages/zh/validation.json";
import { setNumberLocaleSource } from "./locale-number";
import { type LooseMessages, type Translate, translateValidationMessage, type ValidationMessageParams } from "./validation-messages";

/**
 * Server side of translated validation messages. zod writes its own messages (too short, expected a
 * number, ...) while parsing, from the issue's details that are gone afterwards, so the locale must
 * be known during the parse: a tRPC middleware runs the procedure inside `withValidationLocale`,
 * and zod's global locale hook reads it. Outside such a scope (REST routes, scripts) messages stay
 * English, zod's default.
 */
const ZOD_LOCALES: Record<Locale, ReturnType<typeof z.locales.en>> = { en: z.locales.en(), zh: z.locales.zhCN() };
const requestLocale = new AsyncLocalStorage<Locale>();

z.config({ localeError: (issue) => ZOD_LOCALES[requestLocale.getStore() ?? DEFAULT_LOCALE].localeError(issue) });

// Numbers typed in forms are read in the same request's notation.
setNumberLocaleSource(() => requestLocale.getStore() ?? DEFAULT_LOCALE);

export function withValidationLocale<T>(locale: Locale | undefined, run: () => T): T {
  return requestLocale.run(locale ?? DEFAULT_LOCALE, run);
}

const MESSAGES: Record<Locale, LooseMessages> = {
  en: { validation: enValidation, auth: enAuth },
  zh: { validation: zhValidation, auth: zhAuth },
};
const TRANSLATORS = new Map<Locale, Translate>();

function translatorFor(locale: Locale): Translate {
  let translate = TRANSLATORS.get(locale);
  if (!translate) {
    const t = createTranslator({ locale, messages: MESSAGES[locale] });
    translate = (key: string, params?: ValidationMessageParams) => t(key, params);
    TRANSLATORS.set(locale, translate);
  }
  return translate;
}

/** One of our schema or domain messages in `locale` (English texts that are not ours are returned as they are). */
export function localizeValidationMessage(message: string, locale: Locale | undefined): string {
  if (!locale || locale === DEFAULT_LOCALE) return message;
  return translateValidationMessage(message, translatorFor(locale));
}
