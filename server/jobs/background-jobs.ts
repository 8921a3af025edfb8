import { env } from "@/env";
import { getDb } from "@/server/bootstrap/app-database";
import { reportUnexpectedError } from "@/server/errors/report-error";
import { createMailTransport } from "@/server/mail/transport";
import { resolveAuthSecret } from "@/server/session/auth-secret";
import { type MailWorker, startMailWorker } from "./mail-worker";

/**
 * Starts this server's background jobs (the mail worker) once per process. The handle lives on
 * globalThis, where scripts/server-lifecycle.mjs finds it to stop the worker on SIGTERM before the
 * database closes. MAIL_WORKER_DISABLED=1 leaves it off (tools, or servers that should not send).
 */
export function startBackgroundJobs(): void {
  const state = globalThis as { __mailWorker?: MailWorker };
  if (env.MAIL_WORKER_DISABLED || state.__mailWorker) return;
  state.__mailWorker = startMailWorker({
    getDb,
    transport: createMailTransport(),
    secret: resolveAuthSecret(),
    onError: (error) => reportUnexpectedError(error, "mail-worker"),
  });
}
