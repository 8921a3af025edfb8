import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { auditCheckpoints } from "@/db/schema/audit-checkpoints";
import { cities } from "@/db/schema/identity";
import { chainKeyFor } from "./audit-trail";
import { canonicalJson } from "./canonical-json";
import { type CheckpointSigner, getCheckpointSigner, signStatement } from "./checkpoint-signing";

/**
 * Signed checkpoints of the audit chains, as transparency logs publish signed tree heads: the hash
 * chain alone cannot tell a rewritten-and-rehashed chain from the real one, but a head signed and
 * saved by outsiders before the rewrite can (docs/security.md, "Audit checkpoints").
 *
 * One checkpoint covers one city's public chains: `city:<id>` and the chain of every assessment of
 * the city that has been published (drafts stay out of public view until their first publication,
 * which checkpoints their whole history). For each chain it names the head event (id, hash) and the
 * number of events, plus every event (id, hash) added since the city's previous checkpoint, so that
 * the set of all checkpoints pins every event and the verifier can name the one that was changed.
 */
export const CHECKPOINT_FORMAT = "smart-city-audit-checkpoint/1";
export const DAILY_CHECKPOINT_MS = 24 * 60 * 60 * 1000;

export type CheckpointReason = "publication" | "daily";
export type CheckpointChain = {
  chainKey: string;
  headId: number;
  headHash: string;
  count: number;
  /** The chain's events after `sinceId` (the previous checkpoint's head; 0 for the first), in order. */
  sinceId: number;
  events: { id: number; hash: string }[];
};
export type CheckpointStatement = {
  format: typeof CHECKPOINT_FORMAT;
  cityId: string;
  citySlug: string;
  takenAt: string;
  reason: CheckpointReason;
  keyId: string;
  chains: CheckpointChain[];
};

function lockKey(cityId: string) {
  return `audit-checkpoint:${cityId}`;
}

/**
 * Signs and stores a checkpoint of the city's public chains as `db` sees them. Call it in the
 * transaction of a publication (the checkpoint then includes the publication's own event), or
 * through `takeDailyCheckpointIfDue`. Serialised per city by an advisory lock, so "since the
 * previous checkpoint" is well defined with several app servers.
 */
export async function takeCityCheckpoint(
  tx: DbOrTx,
  cityId: string,
  reason: CheckpointReason,
  options: { signer?: CheckpointSigner; now?: Date } = {},
): Promise<{ id: number; statement: CheckpointStatement }> {
  const signer = options.signer ?? getCheckpointSigner();
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey(cityId)}))`);
  const [city] = await tx.select({ slug: cities.slug }).from(cities).where(eq(cities.id, cityId));
  if (!city) throw new Error(`takeCityCheckpoint: no city ${cityId}`);
  const published = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.cityId, cityId), isNotNull(assessments.publishedAt)));
  const chainKeys = [chainKeyFor({ cityId }), ...published.map((a) => chainKeyFor({ assessmentId: a.id }))];
  const heads = await tx
    .select({
      chainKey: auditEvents.chainKey,
      headId: sql<number>`max(${auditEvents.id})`.mapWith(Number),
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(auditEvents)
    .where(inArray(auditEvents.chainKey, chainKeys))
    .groupBy(auditEvents.chainKey);
  const previous = await latestStatement(tx, cityId);
  const previousHeads = new Map(previous?.chains.map((c) => [c.chainKey, c.headId]) ?? []);
  const chains: CheckpointChain[] = [];
  for (const head of heads.sort((a, b) => a.chainKey.localeCompare(b.chainKey))) {
    const sinceId = Math.min(previousHeads.get(head.chainKey) ?? 0, head.headId);
    const events = await tx
      .select({ id: auditEvents.id, hash: auditEvents.hash })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainKey, head.chainKey), gt(auditEvents.id, sinceId), lte(auditEvents.id, head.headId)))
      .orderBy(asc(auditEvents.id));
    const [headRow] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.id, head.headId));
    chains.push({ chainKey: head.chainKey, headId: head.headId, headHash: headRow.hash, count: head.count, sinceId, events });
  }
  // Milliseconds only, like the audit events, so the stored time and the signed one agree.
  const takenAt = new Date(Math.floor((options.now ?? new Date()).getTime()));
  const statement: CheckpointStatement = {
    format: CHECKPOINT_FORMAT,
    cityId,
    citySlug: city.slug,
    takenAt: takenAt.toISOString(),
    reason,
    keyId: signer.keyId,
    chains,
  };
  const text = canonicalJson(statement);
  const [row] = await tx
    .insert(auditCheckpoints)
    .values({
      cityId,
      takenAt,
      reason,
      statement: text,
      signature: signStatement(signer, text),
      keyId: signer.keyId,
      publicKey: signer.publicKeyPem,
    })
    .returning({ id: auditCheckpoints.id });
  return { id: row.id, statement };
}

async function latestStatement(db: DbOrTx, cityId: string): Promise<CheckpointStatement | null> {
  const [row] = await db
    .select({ statement: auditCheckpoints.statement })
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.cityId, cityId))
    .orderBy(desc(auditCheckpoints.id))
    .limit(1);
  return row ? (JSON.parse(row.statement) as CheckpointStatement) : null;
}

/**
 * The daily rule: when the city's newest checkpoint is older than 24 hours (or there is none yet),
 * take one. Several servers may ask at once: the advisory lock makes them queue, and each looks
 * again under the lock, so one checkpoint is taken. Cheap when nothing is due (one indexed read).
 * Returns the new checkpoint's id, or null when none was due.
 */
export async function takeDailyCheckpointIfDue(
  db: DbOrTx,
  cityId: string,
  options: { now?: Date; signer?: CheckpointSigner } = {},
): Promise<number | null> {
  const now = options.now ?? new Date();
  if (!(await checkpointDue(db, cityId, now))) return null;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey(cityId)}))`);
    if (!(await checkpointDue(tx, cityId, now))) return null;
    // No cache invalidation: the city page's panel re-reads its data hourly, and invalidating from
    // the panel's own render (which applies this rule) would throw away the page just built.
    const { id } = await takeCityCheckpoint(tx, cityId, "daily", { signer: options.signer, now });
    return id;
  });
}

async function checkpointDue(db: DbOrTx, cityId: string, now: Date): Promise<boolean> {
  const [newest] = await db
    .select({ takenAt: auditCheckpoints.takenAt })
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.cityId, cityId))
    .orderBy(desc(auditCheckpoints.id))
    .limit(1);
  return !newest || now.getTime() - newest.takenAt.getTime() >= DAILY_CHECKPOINT_MS;
}

export type PublishedCheckpoint = {
  id: number;
  takenAt: string;
  reason: CheckpointReason;
  keyId: string;
  /** The exact signed text (canonical JSON of a CheckpointStatement). */
  statement: string;
  /** Base64 Ed25519 signature of `statement`'s UTF-8 bytes. */
  signature: string;
};
export type PublishedCheckpoints = {
  cityId: string;
  citySlug: string;
  /** Every key that signed one of the checkpoints (SPKI PEM), by key id. */
  publicKeys: { keyId: string; algorithm: "Ed25519"; publicKeyPem: string }[];
  checkpoints: PublishedCheckpoint[];
};

/** Every checkpoint of a city, oldest first, with the keys that signed them: what outsiders save. */
export async function listCityCheckpoints(db: DbOrTx, city: { id: string; slug: string }): Promise<PublishedCheckpoints> {
  const rows = await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.cityId, city.id)).orderBy(asc(auditCheckpoints.id));
  const keys = new Map<string, string>();
  for (const row of rows) keys.set(row.keyId, row.publicKey);
  return {
    cityId: city.id,
    citySlug: city.slug,
    publicKeys: [...keys].map(([keyId, publicKeyPem]) => ({ keyId, algorithm: "Ed25519" as const, publicKeyPem })),
    checkpoints: rows.map((row) => ({
      id: row.id,
      takenAt: row.takenAt.toISOString(),
      reason: row.reason,
      keyId: row.keyId,
      statement: row.statement,
      signature: row.signature,
    })),
  };
}
