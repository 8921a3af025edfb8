import path from "node:path";
import { type EnvSource, envOf } from "@/env";

/** The address links in mails start with: NEXTAUTH_URL (the public address), else localhost:PORT. */
export function appBaseUrl(source?: EnvSource): string {
  const e = envOf(source);
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

/** Where mail goes without SMTP_URL: MAIL_DIR, else "mail" beside the embedded database's folder. */
export function mailDirectory(source?: EnvSource): string {
  const e = envOf(source);
  if (e.MAIL_DIR) return path.resolve(e.MAIL_DIR);
  const pglite = path.resolve(e.PGLITE_DATA_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite"));
  return path.join(path.dirname(pglite), "mail");
}

export type MailLocale = "en" | "zh";
export function mailLocale(value: string | null | undefined): MailLocale {
  return value === "zh" ? "zh" : "en";
}
