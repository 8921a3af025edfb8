import type { Db } from "@/db/client";
import { type EnvSource, envOf } from "@/env";
import { queueDueDigests } from "@/server/mail/digests";
import { appBaseUrl } from "@/server/mail/mail-config";
import { claimDueMail, markMailFailed, markMailSent } from "@/server/mail/outbox";
import type { MailTransport } from "@/server/mail/transport";

type DeliveryCounts = { sent: number; retrying: number; dead: number };

/**
 * Sends every mail that is due, batch by batch, until none is left. Each row is claimed (SKIP LOCKED)
 * before it is sent, and marked sent, retrying (exponential backoff) or dead afterwards; a send never
 * runs inside a database transaction, so a slow mail server holds no lock and no connection.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  options: { maxAttempts: number; baseSeconds: number; now?: () => Date; batch?: number; shouldStop?: () => boolean },
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, retrying: 0, dead: 0 };
  const now = options.now ?? (() => new Date());
  for (;;) {
    if (options.shouldStop?.()) return counts;
    const rows = await claimDueMail(db, { now: now(), limit: options.batch ?? 10 });
    if (rows.length === 0) return counts;
    for (const row of rows) {
      try {
        await markMailSent(db, row.id, await transport.send(row));
        counts.sent++;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const status = await markMailFailed(db, row, reason, {
          maxAttempts: options.maxAttempts,
          baseSeconds: options.baseSeconds,
          now: now(),
        });
        counts[status === "dead" ? "dead" : "retrying"]++;
      }
    }
  }
}

/** One pass of the worker: queue the digests that are due, then deliver what is due. */
export async function runMailWorkerOnce(
  db: Db,
  transport: MailTransport,
  options: { secret: string; source?: EnvSource; now?: () => Date },
) {
  const e = envOf(options.source);
  const now = options.now ?? (() => new Date());
  const digests = await queueDueDigests(db, { secret: options.secret, baseUrl: appBaseUrl(options.source), now: now() });
  const delivered = await deliverDueMail(db, transport, { maxAttempts: e.MAIL_MAX_ATTEMPTS, baseSeconds: e.MAIL_RETRY_BASE_SECONDS, now });
  return { digests, ...delivered };
}

export type MailWorker = { stop(): Promise<void> };

/**
 * The in-process worker every app server runs (started by instrumentation.ts): a pass every
 * MAIL_POLL_MS. `stop()` (SIGTERM, via scripts/server-lifecycle.mjs) lets the pass in flight finish
 * before the database closes; a row claimed by a server that died comes back after its claim expires.
 */
export function startMailWorker(options: {
  getDb: () => Promise<Db>;
  transport: MailTransport;
  secret: string;
  onError?: (error: unknown) => void;
}): MailWorker {
  const pollMs = envOf().MAIL_POLL_MS;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        await runMailWorkerOnce(await options.getDb(), options.transport, { secret: options.secret });
      } catch (error) {
        options.onError?.(error);
      }
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, pollMs);
    });
  };
  timer = setTimeout(tick, Math.min(pollMs, 1000));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      options.transport.close();
    },
  };
}
