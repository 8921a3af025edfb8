import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/env";

/**
 * NEXTAUTH_SECRET when set (required with a real PostgreSQL, where several stateless servers must
 * share it). For the embedded single-process demo, a random secret is made once and kept in the
 * data folder so sessions survive restarts without any setup.
 */
export function resolveAuthSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.DATABASE_URL) {
    throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set (all app servers share it).");
  }
  const dir = path.resolve(env.PGLITE_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite"), "..");
  const file = path.join(dir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
