import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { publishedCheckpointsSchema } from "./audit-schemas";
import { type ChainVerification, chainKeyFor, verifyAuditChain } from "./audit-trail";
import { type CheckpointFinding, type CheckpointVerification, type SavedCheckpoints, verifyAgainstCheckpoints } from "./checkpoint-verify";

export const AUDIT_VERIFY_USAGE = [
  "Usage: npm run audit:verify -- --assessment <id>",
  "       npm run audit:verify -- --chain <chain key>   (assessment:<id>, city:<id> or global)",
  "       npm run audit:verify -- --all                  (every chain in the database)",
  "       npm run audit:verify -- --checkpoints <file or URL> [--public-key <PEM file>]",
  "         (the chains of checkpoints saved from /api/v1/cities/<slug>/audit-checkpoints; repeat",
  "          --checkpoints for several files; combine with --all to check the other chains too)",
].join("\n");

type ChainSelection = { kind: "assessment"; id: string } | { kind: "chain"; key: string } | { kind: "all" };
export type VerifyCommandArgs =
  | ChainSelection
  | (({ kind: "checkpoints" } | ChainSelection) & {
      /** Files or http(s) URLs of saved checkpoint documents. */
      checkpoints: string[];
      /** A PEM file with the public key the outsider pinned. */
      publicKeyFile?: string;
    });

export function parseVerifyArgs(argv: readonly string[]): VerifyCommandArgs | { error: string } {
  const checkpoints: string[] = [];
  let publicKeyFile: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--checkpoints" || arg === "--public-key") {
      const value = argv[i + 1];
      if (!value || value.startsWith("--")) return { error: `${arg} needs a value.` };
      if (arg === "--checkpoints") checkpoints.push(value);
      else publicKeyFile = value;
      i++;
    } else {
      rest.push(arg);
    }
  }
  if (publicKeyFile && checkpoints.length === 0) return { error: "--public-key goes with --checkpoints." };
  if (checkpoints.length === 0) return parseChainSelection(rest);
  const selection = rest.length === 0 ? { kind: "checkpoints" as const } : parseChainSelection(rest);
  if ("error" in selection) return selection;
  return { ...selection, checkpoints, ...(publicKeyFile ? { publicKeyFile } : {}) };
}

function parseChainSelection(argv: readonly string[]): ChainSelection | { error: string } {
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
  const lines: string[] = [];
  let checkpointProblems = 0;
  let checkpointChains: string[] = [];
  if ("checkpoints" in args) {
    const saved = await Promise.all(args.checkpoints.map(readCheckpointDocument));
    const publicKeyPem = args.publicKeyFile ? await readFile(args.publicKeyFile, "utf8") : undefined;
    const result = await verifyAgainstCheckpoints(db, saved, { publicKeyPem });
    checkpointProblems = result.findingCount;
    checkpointChains = result.chains.map((c) => c.chainKey);
    lines.push(...describeCheckpointVerification(result, Boolean(publicKeyPem)));
    if (args.kind === "checkpoints") {
      const chainResults = await Promise.all(checkpointChains.map((key) => verifyAuditChain(db, key)));
      const broken = chainResults.filter((r) => !r.ok).length;
      lines.push("Hash chains of these checkpoints:", ...chainResults.flatMap(describeVerification));
      const problems = checkpointProblems + broken;
      lines.push(
        problems === 0
          ? "Result: consistent with every checkpoint"
          : `Result: ${checkpointProblems} finding(s) against the checkpoints, ${broken} broken chain(s)`,
      );
      return { exitCode: problems > 0 ? 1 : 0, lines };
    }
  }
  let keys: string[];
  if (args.kind === "all") {
    const rows = await db.execute<{ chain_key: string }>(sql`select distinct chain_key from audit_events order by chain_key`);
    keys = (Array.isArray(rows) ? rows : (rows as { rows: { chain_key: string }[] }).rows).map((r) => r.chain_key);
  } else {
    keys = [args.kind === "assessment" ? chainKeyFor({ assessmentId: args.id }) : args.key];
  }
  let broken = 0;
  for (const key of keys) {
    const result = await verifyAuditChain(db, key);
    if (!result.ok) broken++;
    lines.push(...describeVerification(result));
  }
  if (keys.length === 1 && args.kind !== "all") {
    const only = lines[lines.length - 1];
    if (only.startsWith("OK") && only.includes(": 0 event(s)")) lines.push("(no audit events recorded for this chain yet)");
  }
  if (args.kind === "all") lines.push(`${keys.length} chain(s) checked, ${broken} broken`);
  return { exitCode: broken + checkpointProblems > 0 ? 1 : 0, lines };
}

/** A saved checkpoint document: a file, or an http(s) URL (the API's address itself works). */
async function readCheckpointDocument(source: string): Promise<SavedCheckpoints> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, "utf8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${source}: not JSON`);
  }
  const parsed = publishedCheckpointsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: not a checkpoint document (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data;
}

const FINDING_TEXT: { [K in CheckpointFinding["kind"]]: (f: Extract<CheckpointFinding, { kind: K }>) => string } = {
  bad_signature: (f) => `checkpoint #${f.checkpointId} (${f.takenAt}): the signature does not verify; checkpoint ignored`,
  conflicting_checkpoints: (f) =>
    `${f.chainKey} event id ${f.eventId}: checkpoints #${f.checkpointIds[0]} and #${f.checkpointIds[1]} sign different hashes (two histories were signed)`,
  rewritten: (f) => `${f.chainKey} event id ${f.eventId}: REWRITTEN: its content differs from what checkpoint #${f.checkpointId} signed`,
  rehashed: (f) =>
    `${f.chainKey} event id ${f.eventId}: re-hashed: content as signed by checkpoint #${f.checkpointId}, but linked to a changed earlier event`,
  truncated: (f) =>
    `${f.chainKey} event id ${f.eventId}: MISSING from the end of the chain (signed by checkpoint #${f.checkpointId}; the chain now ends at ${f.lastRemainingId === null ? "nothing" : `id ${f.lastRemainingId}`})`,
  deleted: (f) => `${f.chainKey} event id ${f.eventId}: MISSING from the middle of the chain (signed by checkpoint #${f.checkpointId})`,
  inserted: (f) => `${f.chainKey} event id ${f.eventId}: not in checkpoint #${f.checkpointId}, which covered its position (inserted later)`,
  count_mismatch: (f) =>
    `${f.chainKey}: checkpoint #${f.checkpointId} signed ${f.signedCount} event(s) up to id ${f.headId}; the database now has ${f.count}`,
};

function describeFinding(finding: CheckpointFinding): string {
  return (FINDING_TEXT[finding.kind] as (f: CheckpointFinding) => string)(finding);
}

function describeCheckpointVerification(result: CheckpointVerification, pinned: boolean): string[] {
  const lines = [
    `Checkpoints: ${result.checkpoints} read, ${result.validSignatures} with a valid signature (${pinned ? "pinned key" : "keys named in the file"}${result.keyIds.length ? `: ${result.keyIds.join(", ")}` : ""})`,
  ];
  const ofChain = (f: CheckpointFinding) => ("chainKey" in f ? f.chainKey : null);
  lines.push(...result.findings.filter((f) => ofChain(f) === null).map((f) => `        ${describeFinding(f)}`));
  for (const chain of result.chains) {
    lines.push(
      chain.findings === 0
        ? `OK      ${chain.chainKey}: every one of ${chain.events} signed event(s) of ${chain.checkpoints} checkpoint(s) is there, unchanged`
        : `CHANGED ${chain.chainKey}: ${chain.findings} finding(s) against ${chain.checkpoints} checkpoint(s)`,
      ...result.findings.filter((f) => ofChain(f) === chain.chainKey).map((f) => `        ${describeFinding(f)}`),
    );
  }
  if (result.findingCount > result.findings.length) lines.push(`        … and ${result.findingCount - result.findings.length} more`);
  return lines;
}
