import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openPostgres } from "@/db/client";

/**
 * Migrates once per test run into a template that each integration test file copies
 * (tests/helpers/test-db.ts `createTestDb`), instead of every file running initdb and every migration.
 * - PGlite: a migrated in-memory instance dumped with `dumpDataDir()` to a file in a temp folder for
 *   this run; each file starts PGlite from that dump, which skips initdb (the slow part of a start).
 * - PostgreSQL (DATABASE_URL set): a database marked as template (no connections allowed); each file
 *   runs `create database ... template ...`.
 * The template is built from the migrations present when the run starts (and again before each watch
 * rerun), never cached across runs, so it is never stale. Teardown removes it; templates and dumps left
 * by runs that were killed are removed by the next run.
 */

export type TestDbTemplate =
  /** A folder where the first test file leaves the migrated data folder's dump for the others. */
  { driver: "pglite"; dir: string } | { driver: "postgres"; serverUrl: string; templateName: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDbTemplate: TestDbTemplate;
  }
}

const RUN_MARK = `vitest template ${os.hostname()}`;
const DUMP_PREFIX = "vitest-pglite-template-";

export default async function setup(project: TestProject) {
  let current = await buildTemplate();
  project.provide("testDbTemplate", current.template);
  project.onTestsRerun(async () => {
    await current.dispose();
    current = await buildTemplate();
    project.provide("testDbTemplate", current.template);
  });
  return async () => {
    await current.dispose();
  };
}

type BuiltTemplate = { template: TestDbTemplate; dispose: () => Promise<void> };

async function buildTemplate(): Promise<BuiltTemplate> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? buildPostgresTemplate(serverUrl) : buildPgliteTemplate();
}

/**
 * PGlite: only a folder for this run. The first test file that needs a database migrates a fresh
 * PGlite and dumps it there; the others load the dump (tests/helpers/test-db.ts). Building it in the
 * test file rather than here costs a run of one file almost nothing (one dump, ~1 s), where building
 * it here would add a dump and a load to that run.
 */
async function buildPgliteTemplate(): Promise<BuiltTemplate> {
  removeStaleDumps();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${DUMP_PREFIX}${process.pid}-`));
  return { template: { driver: "pglite", dir }, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function removeStaleDumps() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.match(new RegExp(`^${DUMP_PREFIX}(\\d+)-`))?.[1]);
    if (pid && !isProcessAlive(pid)) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

async function buildPostgresTemplate(serverUrl: string): Promise<BuiltTemplate> {
  const base = new URL(serverUrl);
  const baseName =
    decodeURIComponent(base.pathname.slice(1))
      .replace(/[^a-z0-9_]/gi, "")
      .slice(0, 30) || "db";
  // Unique per run: two runs against the same server must not share or drop each other's template.
  const templateName = `${baseName}_tpl_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`.toLowerCase();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await dropStaleTemplates(admin);
    await admin.unsafe(`create database ${templateName}`);
    await admin.unsafe(`comment on database ${templateName} is '${RUN_MARK} ${process.pid}'`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${templateName}`;
      const handle = await openPostgres(url.toString(), { max: 1 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
      // A database being copied must have no other connection; ours may take a moment to go.
      await until(async () => {
        const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${templateName}`;
        return n === 0;
      }, "the template's migration connections to close");
      await admin.unsafe(`alter database ${templateName} with is_template true allow_connections false`);
    } catch (error) {
      await dropTemplate(admin, templateName).catch(() => {});
      throw error;
    }
  } finally {
    await admin.end();
  }
  return {
    template: { driver: "postgres", serverUrl, templateName },
    dispose: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropTemplate(dropper, templateName);
      } finally {
        await dropper.end();
      }
    },
  };
}

async function dropTemplate(admin: postgres.Sql, name: string) {
  await admin.unsafe(`alter database ${name} with is_template false`);
  await admin.unsafe(`drop database if exists ${name} with (force)`);
}

/** Templates (or half-built ones) whose run on this host is gone: killed runs never reach teardown. */
async function dropStaleTemplates(admin: postgres.Sql) {
  const rows = await admin<{ datname: string; note: string }[]>`
    select d.datname, shobj_description(d.oid, 'pg_database') as note
    from pg_database d where shobj_description(d.oid, 'pg_database') like ${RUN_MARK + " %"}`;
  for (const { datname, note } of rows) {
    const pid = Number(note.slice(RUN_MARK.length + 1));
    if (pid && !isProcessAlive(pid)) await dropTemplate(admin, datname).catch(() => {});
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
