import "server-only";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { createRequestContext } from "@/server/trpc/context";
import { createCaller } from "./root-router";

/** tRPC for React Server Components: the same procedures and checks, no HTTP round trip. */
export const getServerCaller = cache(async () => createCaller(await getServerContext()));

/** The request's tRPC context for a server component: session, address and the page's locale. */
export const getServerContext = cache(async () => {
  const [context, locale] = await Promise.all([createRequestContext(await headers()), getLocale()]);
  // The page's locale comes from its URL, which the request headers may not say (a first visit).
  return { ...context, locale: locale === "zh" ? ("zh" as const) : ("en" as const) };
});
