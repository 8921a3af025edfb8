import { and, asc, desc, eq, lte } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import type { CheckpointStatement } from "./audit-checkpoints";
import type { publishedCheckpointsSchema } from "./audit-schemas";
import { hashAuditRow, MAX_REPORTED_BREAKS } from "./audit-trail";
import { verifyStatement } from "./checkpoint-signing";

/**
 * Checks the database against checkpoints an outsider saved (server/audit/audit-checkpoints.ts): every
 * signature first, then every event the valid checkpoints name. Reports every inconsistency, not the
 * first: an event whose content differs from what was signed, events that only carry new hashes
 * because an earlier one changed, events removed from the middle or the end, and counts that no
 * longer agree.
 */
export type SavedCheckpoints = z.output<typeof publishedCheckpointsSchema>;

export type CheckpointFinding =
  | { kind: "bad_signature"; checkpointId: number; takenAt: string }
  | { kind: "conflicting_checkpoints"; chainKey: string; eventId: number; checkpointIds: [number, number] }
  | { kind: "rewritten"; chainKey: string; eventId: number; checkpointId: number }
  | { kind: "rehashed"; chainKey: string; eventId: number; checkpointId: number }
  | { kind: "truncated"; chainKey: string; eventId: number; checkpointId: number; lastRemainingId: number | null }
  | { kind: "deleted"; chainKey: string; eventId: number; checkpointId: number }
  | { kind: "inserted"; chainKey: string; eventId: number; checkpointId: number }
  | { kind: "count_mismatch"; chainKey: string; checkpointId: number; headId: number; signedCount: number; count: number };

export type CheckpointVerification = {
  checkpoints: number;
  validSignatures: number;
  keyIds: string[];
  chains: { chainKey: string; checkpoints: number; events: number; findings: number }[];
  /** At most MAX_REPORTED_BREAKS per chain; `findingCount` has them all. */
  findings: CheckpointFinding[];
  findingCount: number;
};

type Expected = { hash: string; checkpointId: number };
type ChainPlan = {
  expected: Map<number, Expected>;
  heads: { checkpointId: number; headId: number; count: number }[];
  ranges: { from: number; to: number; checkpointId: number }[];
  checkpointIds: Set<number>;
};

/**
 * `publicKeyPem`: the key the outsider pinned (recommended); without it, each checkpoint is checked
 * with the key the saved file names for it.
 */
export async function verifyAgainstCheckpoints(
  db: DbOrTx,
  saved: readonly SavedCheckpoints[],
  options: { publicKeyPem?: string } = {},
): Promise<CheckpointVerification> {
  const findings: CheckpointFinding[] = [];
  let findingCount = 0;
  const keyIds = new Set<string>();
  const plans = new Map<string, ChainPlan>();
  let total = 0;
  let valid = 0;
  for (const document of saved) {
    const keys = new Map(document.publicKeys.map((k) => [k.keyId, k.publicKeyPem]));
    for (const checkpoint of document.checkpoints) {
      total++;
      const key = options.publicKeyPem ?? keys.get(checkpoint.keyId);
      const statement =
        key && verifyStatement(key, checkpoint.statement, checkpoint.signature) ? parseStatement(checkpoint.statement) : null;
      if (!statement) {
        findingCount++;
        findings.push({ kind: "bad_signature", checkpointId: checkpoint.id, takenAt: checkpoint.takenAt });
        continue;
      }
      valid++;
      keyIds.add(statement.keyId);
      for (const chain of statement.chains) {
        let plan = plans.get(chain.chainKey);
        if (!plan) {
          plan = { expected: new Map(), heads: [], ranges: [], checkpointIds: new Set() };
          plans.set(chain.chainKey, plan);
        }
        plan.checkpointIds.add(checkpoint.id);
        plan.heads.push({ checkpointId: checkpoint.id, headId: chain.headId, count: chain.count });
        plan.ranges.push({ from: chain.sinceId, to: chain.headId, checkpointId: checkpoint.id });
        for (const event of [...chain.events, { id: chain.headId, hash: chain.headHash }]) {
          const known = plan.expected.get(event.id);
          if (known && known.hash !== event.hash) {
            findingCount++;
            findings.push({
              kind: "conflicting_checkpoints",
              chainKey: chain.chainKey,
              eventId: event.id,
              checkpointIds: [known.checkpointId, checkpoint.id],
            });
          } else if (!known) {
            plan.expected.set(event.id, { hash: event.hash, checkpointId: checkpoint.id });
          }
        }
      }
    }
  }

  const chains: CheckpointVerification["chains"] = [];
  for (const [chainKey, plan] of [...plans].sort(([a], [b]) => a.localeCompare(b))) {
    const chainFindings = await checkChain(db, chainKey, plan);
    findingCount += chainFindings.length;
    findings.push(...chainFindings.slice(0, MAX_REPORTED_BREAKS));
    chains.push({ chainKey, checkpoints: plan.checkpointIds.size, events: plan.expected.size, findings: chainFindings.length });
  }
  return { checkpoints: total, validSignatures: valid, keyIds: [...keyIds], chains, findings, findingCount };
}

function parseStatement(text: string): CheckpointStatement | null {
  try {
    const statement = JSON.parse(text) as CheckpointStatement;
    return Array.isArray(statement.chains) ? statement : null;
  } catch {
    return null;
  }
}

async function checkChain(db: DbOrTx, chainKey: string, plan: ChainPlan): Promise<CheckpointFinding[]> {
  const maxHead = Math.max(...plan.heads.map((h) => h.headId));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainKey, chainKey), lte(auditEvents.id, maxHead)))
    .orderBy(asc(auditEvents.id));
  const [newest] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, chainKey))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const lastRemainingId = newest?.id ?? null;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const findings: CheckpointFinding[] = [];

  let previousExpected: string | null = null;
  for (const [id, expected] of [...plan.expected].sort(([a], [b]) => a - b)) {
    const row = byId.get(id);
    if (!row) {
      findings.push(
        lastRemainingId === null || id > lastRemainingId
          ? { kind: "truncated", chainKey, eventId: id, checkpointId: expected.checkpointId, lastRemainingId }
          : { kind: "deleted", chainKey, eventId: id, checkpointId: expected.checkpointId },
      );
    } else if (row.hash !== expected.hash) {
      // Same content, linked to the signed hash of the event before: then only the link changed.
      const { id: _id, hash: _hash, ...fields } = row;
      const relinked = hashAuditRow({ ...fields, prevHash: previousExpected ?? row.prevHash }) === expected.hash;
      findings.push({ kind: relinked ? "rehashed" : "rewritten", chainKey, eventId: id, checkpointId: expected.checkpointId });
    }
    previousExpected = expected.hash;
  }
  for (const row of rows) {
    if (plan.expected.has(row.id)) continue;
    const range = plan.ranges.find((r) => row.id > r.from && row.id <= r.to);
    if (range) findings.push({ kind: "inserted", chainKey, eventId: row.id, checkpointId: range.checkpointId });
  }
  for (const head of plan.heads) {
    const count = rows.filter((row) => row.id <= head.headId).length;
    if (count !== head.count) {
      findings.push({
        kind: "count_mismatch",
        chainKey,
        checkpointId: head.checkpointId,
        headId: head.headId,
        signedCount: head.count,
        count,
      });
    }
  }
  // Events in chain order, then the counts.
  return findings.sort((a, b) => findingOrder(a) - findingOrder(b));
}

function findingOrder(finding: CheckpointFinding): number {
  return "eventId" in finding ? finding.eventId : Number.MAX_SAFE_INTEGER;
}
