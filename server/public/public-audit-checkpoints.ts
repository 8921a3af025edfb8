import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cities } from "@/db/schema/identity";
import { listCityCheckpoints, type PublishedCheckpoints, takeDailyCheckpointIfDue } from "@/server/audit/audit-checkpoints";
import { DomainError } from "@/server/errors/domain-error";

/**
 * A city's checkpoints; takes the daily one first when the newest is more than 24 hours old (so
 * a city whose data changes rarely still gets a fresh signed head when someone asks for it).
 */
export async function getCityAuditCheckpoints(db: DbOrTx, slug: string): Promise<PublishedCheckpoints> {
  const [city] = await db.select({ id: cities.id, slug: cities.slug }).from(cities).where(eq(cities.slug, slug)).limit(1);
  if (!city) throw new DomainError("NOT_FOUND", "No city has this address.");
  await takeDailyCheckpointIfDue(db, city.id);
  return listCityCheckpoints(db, city);
}

/** One row per checkpoint and chain: what a spreadsheet can hold (the signed text is in the JSON). */
export function auditCheckpointsCsv(result: PublishedCheckpoints): string {
  const lines = ["checkpoint_id,taken_at,reason,key_id,chain_key,head_id,head_hash,count"];
  for (const checkpoint of result.checkpoints) {
    const statement = JSON.parse(checkpoint.statement) as {
      chains: { chainKey: string; headId: number; headHash: string; count: number }[];
    };
    for (const chain of statement.chains) {
      lines.push(
        [
          checkpoint.id,
          checkpoint.takenAt,
          checkpoint.reason,
          checkpoint.keyId,
          chain.chainKey,
          chain.headId,
          chain.headHash,
          chain.count,
        ].join(","),
      );
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
