import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type ChainVerification, chainKeyFor, verifyAuditChain } from "./audit-trail";

export const AUDIT_VERIFY_USAGE = [
  "Usage: npm run audit:verify -- --assessment <id>",
  "       npm run audit:verify -- --chain <chain key>   (assessment:<id>, city:<id> or global)",
  "       npm run audit:verify -- --all                  (every chain in the database)",
].join("\n");

export type VerifyCommandArgs = { kind: "assessment"; id: string } | { kind: "chain"; key: string } | { kind: "all" };

export function parseVerifyArgs(argv: readonly string[]): VerifyCommandArgs | { error: string } {
  const [flag, value] = argv;
  if (flag === "--all" && argv.length === 1) return { kind: "all" };
  if (flag === "--assessment" && value && argv.length === 2) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      return { error: `Not an assessment id: ${value}` };
    }
    return { kind: "assessment", id: value };
  }
  if (flag === "--chain" && value && argv.length === 2) return { kind: "chain", key: value };
  return { error: "Name what to verify." };
}

const PROBLEM_TEXT = {
  hash_mismatch: "its content no longer matches its hash (the row was changed)",
  prev_hash_mismatch: "it does not link to the row before it (a row was removed, inserted or re-hashed)",
} as const;

/** One line for the chain, then one indented line per broken link. */
export function describeVerification(result: ChainVerification): string[] {
  if (result.ok) return [`OK      ${result.chainKey}: ${result.checked} event(s), every link intact`];
  const lines = [
    `BROKEN  ${result.chainKey}: ${result.breakCount} broken link(s) in ${result.total} event(s); ${result.checked} event(s) before the first verified`,
    ...result.breaks.map((b) => `        audit event id ${b.id}: ${PROBLEM_TEXT[b.problem]}`),
  ];
  if (result.breakCount > result.breaks.length) lines.push(`        … and ${result.breakCount - result.breaks.length} more`);
  return lines;
}

/**
 * The verify command's work, separate from process handling so tests can run it. Exit code 0 when
 * every chain checked is intact, 1 when one is broken. Every break is listed, not only the first.
 */
export async function runAuditVerify(db: DbOrTx, args: VerifyCommandArgs): Promise<{ exitCode: number; lines: string[] }> {
  let keys: string[];
  if (args.kind === "all") {
    const rows = await db.execute<{ chain_key: string }>(sql`select distinct chain_key from audit_events order by chain_key`);
    keys = (Array.isArray(rows) ? rows : (rows as { rows: { chain_key: string }[] }).rows).map((r) => r.chain_key);
  } else {
    keys = [args.kind === "assessment" ? chainKeyFor({ assessmentId: args.id }) : args.key];
  }
  const lines: string[] = [];
  let broken = 0;
  for (const key of keys) {
    const result = await verifyAuditChain(db, key);
    if (!result.ok) broken++;
    lines.push(...describeVerification(result));
  }
  if (keys.length === 1 && args.kind !== "all") {
    const [only] = lines;
    if (only.startsWith("OK") && only.includes(": 0 event(s)")) lines.push("(no audit events recorded for this chain yet)");
  }
  if (args.kind === "all") lines.push(`${keys.length} chain(s) checked, ${broken} broken`);
  return { exitCode: broken > 0 ? 1 : 0, lines };
}
