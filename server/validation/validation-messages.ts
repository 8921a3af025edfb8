import { createTranslator } from "next-intl";
import enAuth from "@/messages/en/auth.json";
import enValidation from "@/messages/en/validation.json";

// Shared by the server (errorFormatter) and the client forms: no server-only imports here.

/**
 * A schema's own message is written as a key of the message files (`validation.*`, or
 * `auth.passwordPolicy.*`). The schema still carries the English text, so the API's default
 * language, the REST routes and every test that reads a message see exactly what they saw before;
 * each English text is remembered with its key, so whoever shows the message (the tRPC error
 * formatter for the request's locale, the form field for the reader's) can put it in another
 * language.
 */
export type ValidationMessageParams = Record<string, string | number>;
type Registered = { key: string; params?: ValidationMessageParams };

/**
 * Messages typed loosely on purpose: keys here are strings chosen at run time (next-intl's typed
 * keys would be `never` for an index type); the message-file test checks that every key exists.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type LooseMessages = Record<string, any>;

const ENGLISH_MESSAGES: LooseMessages = { validation: enValidation, auth: enAuth };
const english = createTranslator({ locale: "en", messages: ENGLISH_MESSAGES });
const KEY_BY_ENGLISH = new Map<string, Registered>();

/** The English text of a message key (with its parameters), remembered for translation. */
export function validationMessage(key: string, params?: ValidationMessageParams): string {
  const message = english(key, params);
  KEY_BY_ENGLISH.set(message, { key, params });
  return message;
}

/** The key a message was made from, or null for a message that is not ours (zod's own, a domain text). */
export function validationKeyOf(message: string | undefined): Registered | null {
  return message ? (KEY_BY_ENGLISH.get(message) ?? null) : null;
}

export type Translate = (key: string, params?: ValidationMessageParams) => string;

/** `message` in the language of `translate` when it was made by `validationMessage`; otherwise as is. */
export function translateValidationMessage(message: string, translate: Translate): string {
  const registered = KEY_BY_ENGLISH.get(message);
  return registered ? translate(registered.key, registered.params) : message;
}
