import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { type DatabaseHandle, migrateDatabase, openPglite, openPostgres } from "@/db/client";
import * as schema from "@/db/schema";
import type { TestDbTemplate } from "../global-setup";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (dropped again by `close`). Tests never mock the DB.
 * The database is a copy of the template tests/global-setup.ts migrated once for this run; without
 * one (or for another server than the run's) it is migrated here.
 */
export async function createTestDb(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  const template = inject("testDbTemplate") as TestDbTemplate | undefined;
  if (!serverUrl) {
    if (template?.driver === "pglite") return openPgliteFromTemplate(template.dir);
    const handle = await openPglite();
    await migrateDatabase(handle);
    return handle;
  }
  const fromTemplate = template?.driver === "postgres" && template.serverUrl === serverUrl ? template.templateName : null;
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    if (fromTemplate) await createDatabaseFromTemplate(admin, name, fromTemplate);
    else await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), { max: 5 });
  if (!fromTemplate) await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * In-memory PGlite from the run's migrated template: a dump of a migrated data folder, which PGlite
 * loads without running initdb. The first file to get here builds the dump (holding a lock file)
 * and uses the instance it migrated; files that arrive meanwhile wait for the dump.
 */
async function openPgliteFromTemplate(dir: string): Promise<DatabaseHandle> {
  const dumpFile = path.join(dir, "migrated.tar");
  const lockFile = path.join(dir, "building.lock");
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (fs.existsSync(dumpFile)) return (await startPglite(dumpFile)).handle;
    if (tryLock(lockFile)) {
      try {
        const { handle, client } = await startPglite();
        await migrateDatabase(handle);
        // Uncompressed (~40 MB): it loads faster than the gzipped dump.
        const dump = await client.dumpDataDir("none");
        const partial = `${dumpFile}.${process.pid}`;
        fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
        fs.renameSync(partial, dumpFile);
        return handle;
      } finally {
        fs.rmSync(lockFile, { force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the migrated PGlite template in ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Takes the lock file, or clears it when the process that held it is gone (then retry). */
function tryLock(lockFile: string): boolean {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let holder = 0;
  try {
    holder = Number(fs.readFileSync(lockFile, "utf8"));
  } catch {
    return false; // released meanwhile
  }
  if (holder && !isProcessAlive(holder)) fs.rmSync(lockFile, { force: true });
  return false;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function startPglite(dumpFile?: string) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = new PGlite(dumpFile ? { loadDataDir: new Blob([fs.readFileSync(dumpFile)]) } : {});
  await client.waitReady;
  const handle: DatabaseHandle = { db: drizzle(client, { schema }), driver: "pglite", close: () => client.close() };
  return { handle, client };
}

/**
 * Copies the template. PostgreSQL refuses the copy while any session is connected to the template
 * (SQLSTATE 55006, "source database is being accessed by other users"); the template allows no
 * connections, but an autovacuum worker may still be in it, so that refusal is retried. Copies from
 * parallel test files do not conflict with each other.
 */
async function createDatabaseFromTemplate(admin: postgres.Sql, name: string, template: string) {
  const deadline = Date.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500) * (0.5 + Math.random())));
    }
  }
}
