import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createRequestContext } from "@/server/trpc/context";
import { createCaller } from "./root-router";

/** tRPC for React Server Components: the same procedures and checks, no HTTP round trip. */
export const getServerCaller = cache(async () => createCaller(await createRequestContext(await headers())));
