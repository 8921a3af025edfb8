/**
 * Verifies audit hash chains and reports every broken link; with --checkpoints, also every event
 * inconsistent with signed checkpoints an outsider saved (docs/security.md, "Audit checkpoints").
 *   npm run audit:verify -- --assessment <id>
 *   npm run audit:verify -- --checkpoints saved.json [--public-key key.pem]
 * Opens the database the way the app does: DATABASE_URL when set, else the embedded database in
 * PGLITE_DATA_DIR (default .data/pglite; stop the app first, one process per data folder).
 */

import { openPglite, openPostgres, resolvePgliteDataDir } from "@/db/client";
import { env } from "@/env";
import { AUDIT_VERIFY_USAGE, parseVerifyArgs, runAuditVerify } from "@/server/audit/verify-command";

async function main(): Promise<number> {
  const args = parseVerifyArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(`${args.error}\n${AUDIT_VERIFY_USAGE}`);
    return 2;
  }
  const url = env.DATABASE_URL;
  const handle = url ? await openPostgres(url, { max: 1 }) : await openPglite(resolvePgliteDataDir());
  try {
    const { exitCode, lines } = await runAuditVerify(handle.db, args);
    for (const line of lines) (exitCode === 0 ? console.log : console.error)(line);
    return exitCode;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
