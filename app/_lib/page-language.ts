import "server-only";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/server/scoring/framework-types";

/** The language a server page shows framework texts in (the framework has English and Chinese). */
export async function pageLang(): Promise<Locale> {
  return (await getLocale()) === "zh" ? "zh" : "en";
}
