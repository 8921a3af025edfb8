import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/app-db";
import { type CheckpointStatement, DAILY_CHECKPOINT_MS } from "@/server/audit/audit-checkpoints";
import { publicCityTag } from "@/server/cache/cache-tags";
import { DomainError } from "@/server/errors/domain-error";
import { getCityAuditCheckpoints } from "./public-audit-checkpoints";

/** How many checkpoints the city page lists (the API has them all). */
const SHOWN = 5;

/**
 * The city page's audit checkpoint panel, through Next's data cache under the city's tag (a
 * publication, which takes a checkpoint, invalidates it; a daily checkpoint shows within the hour). Rendering the panel also applies the
 * daily rule, so a visited city gets a fresh signed head at most about 25 hours after the last
 * (this data is read again at most an hour after it was cached). Null when no city has this address.
 */
export function loadAuditCheckpointsPanel(slug: string) {
  return unstable_cache(
    async () => {
      const db = await getDb();
      const published = await getCityAuditCheckpoints(db, slug).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === "NOT_FOUND") return null;
        throw error;
      });
      if (!published) return null;
      const latest = published.checkpoints.slice(-SHOWN).reverse();
      return {
        total: published.checkpoints.length,
        keys: published.publicKeys.map((k) => ({ keyId: k.keyId, publicKeyPem: k.publicKeyPem })),
        checkpoints: latest.map((c) => {
          const statement = JSON.parse(c.statement) as CheckpointStatement;
          return {
            id: c.id,
            takenAt: c.takenAt,
            reason: c.reason,
            keyId: c.keyId,
            chains: statement.chains.length,
            events: statement.chains.reduce((sum, chain) => sum + chain.count, 0),
          };
        }),
        dailyHours: DAILY_CHECKPOINT_MS / 3_600_000,
      };
    },
    ["public-audit-checkpoints", slug],
    // The hour lets the daily rule run on a city page that is only read, and shows daily checkpoints the API took.
    { tags: [publicCityTag(slug)], revalidate: 3600 },
  )();
}
