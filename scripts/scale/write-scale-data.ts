import type { DatabaseHandle } from "@/db/client";
import { insertRows, type RawExecutor, rawExecutorOf } from "./bulk-insert";
import { type CityInfo, emptyRows, type GlobalUsers, type Rows, type ScaleOptions } from "./scale-dataset";
import { ScaleGenerator } from "./scale-generator";
import { INSERT_ORDER, TABLES, type TableKey } from "./scale-tables";

export type ScaleProgress = { citiesDone: number; counts: Record<TableKey, number>; insertSeconds: number };
export type ScaleResult = {
  counts: Record<TableKey, number>;
  cities: CityInfo[];
  global: GlobalUsers;
  insertSeconds: number;
};

/**
 * Generates and writes a dataset into a migrated database, a chunk of cities per transaction.
 * Used by `npm run seed:scale` and by the query-budget tests (small and 10× datasets).
 */
export async function writeScaleData(
  handle: DatabaseHandle,
  options: ScaleOptions,
  settings: { passwordHash: string; onProgress?: (progress: ScaleProgress) => void },
): Promise<ScaleResult> {
  const raw = rawExecutorOf(handle);
  const [{ next }] = (await selectRows(raw, "select coalesce(max(id), 0)::bigint + 1 as next from audit_events")) as {
    next: string | number;
  }[];
  const slugs = ((await selectRows(raw, "select slug from cities")) as { slug: string }[]).map((r) => r.slug);
  const freezeTriggers = (await selectRows(
    raw,
    `select t.tgrelid::regclass::text as tbl, t.tgname as name from pg_trigger t join pg_proc p on p.oid = t.tgfoid
     where p.proname = 'reject_writes_to_published_assessment' and not t.tgisinternal`,
  )) as { tbl: string; name: string }[];

  const counts = Object.fromEntries(INSERT_ORDER.map((k) => [k, 0])) as Record<TableKey, number>;
  const preamble = emptyRows();
  const global = ScaleGenerator.globalUsers(
    { experts: 10, admins: 2 },
    settings.passwordHash,
    new Date(Date.UTC(2020, 0, 1)),
    preamble,
    options.tag,
  );
  const generator = new ScaleGenerator(options, settings.passwordHash, global, Number(next), slugs);
  await writeChunk(raw, preamble, counts, []);

  const citiesPerChunk = Math.max(1, Math.min(25, Math.ceil(options.cities / 20)));
  const cities: CityInfo[] = [];
  let insertSeconds = 0;
  for (let first = 0; first < options.cities; first += citiesPerChunk) {
    const chunk = emptyRows();
    const last = Math.min(options.cities, first + citiesPerChunk);
    for (let ci = first; ci < last; ci++) cities.push(generator.generateCity(ci, chunk));
    const t0 = performance.now();
    await writeChunk(raw, chunk, counts, freezeTriggers);
    insertSeconds += (performance.now() - t0) / 1000;
    settings.onProgress?.({ citiesDone: last, counts, insertSeconds });
  }
  // Explicit ids were written: move the sequence past them so the app's own events follow on.
  await raw.query(`select setval(pg_get_serial_sequence('audit_events', 'id'), (select max(id) from audit_events))`);
  return { counts, cities, global, insertSeconds };
}

/**
 * One transaction per chunk. Published assessments are written in their final state together with
 * their evidence and judgements, so the freeze triggers (which refuse writes under a published
 * assessment) are switched off for the length of this transaction only: ALTER TABLE is
 * transactional, so a failure rolls the switch back with the rows.
 */
async function writeChunk(
  raw: RawExecutor,
  chunk: Rows,
  counts: Record<TableKey, number>,
  freezeTriggers: { tbl: string; name: string }[],
) {
  await raw.transaction(async (tx) => {
    for (const t of freezeTriggers) await tx.query(`alter table ${t.tbl} disable trigger "${t.name}"`);
    for (const key of INSERT_ORDER) await insertRows(tx, TABLES[key], chunk[key]);
    for (const t of freezeTriggers) await tx.query(`alter table ${t.tbl} enable trigger "${t.name}"`);
  });
  for (const key of INSERT_ORDER) counts[key] += chunk[key].length;
}

export async function selectRows(raw: RawExecutor, text: string): Promise<unknown[]> {
  const result = (await raw.query(text)) as { rows?: unknown[] } | unknown[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
