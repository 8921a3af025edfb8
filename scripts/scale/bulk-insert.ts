import type { DatabaseHandle } from "@/db/client";

/**
 * Multi-row INSERTs straight through the driver (postgres.js or PGlite), bypassing drizzle's query
 * builder: the generator writes millions of rows and the builder's per-value objects would cost more
 * than the database does. Every parameter travels as text and is cast in SQL (`$1::text::uuid`), so
 * both drivers send the same strings and nothing is JSON-encoded twice.
 */

export type ColumnSpec = readonly [name: string, sqlType: string];
export type TableSpec = { table: string; columns: readonly ColumnSpec[] };
export type CellValue = string | number | boolean | Date | null | undefined | readonly string[] | Record<string, unknown>;

/** One parameter per value: keep every statement well under PostgreSQL's 65,535-parameter limit. */
const MAX_PARAMS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 2_000;

export type RawExecutor = {
  driver: DatabaseHandle["driver"];
  query(text: string, params?: readonly (string | null)[]): Promise<unknown>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: RawExecutor) => Promise<T>): Promise<T>;
};

type PgliteClient = {
  query(text: string, params?: unknown[]): Promise<unknown>;
  transaction<T>(work: (tx: { query(text: string, params?: unknown[]): Promise<unknown> }) => Promise<T>): Promise<T>;
};
type PostgresJsClient = {
  unsafe(text: string, params?: unknown[]): Promise<unknown>;
  begin<T>(work: (tx: PostgresJsClient) => Promise<T>): Promise<T>;
};

/** The raw client under a drizzle handle (drizzle keeps it as `$client`). */
export function rawExecutorOf(handle: DatabaseHandle): RawExecutor {
  // Cast kept: `Db` is the driver-neutral type and has no `$client`; only the concrete postgres.js/PGlite handles carry it.
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.driver === "pglite") {
    const pg = client as PgliteClient;
    const wrap = (q: PgliteClient["query"], inTx: boolean): RawExecutor => ({
      driver: "pglite",
      query: (text, params) => q(text, params ? [...params] : undefined),
      transaction: inTx ? (work) => work(wrap(q, true)) : (work) => pg.transaction((tx) => work(wrap(tx.query.bind(tx), true))),
    });
    return wrap(pg.query.bind(pg), false);
  }
  const wrap = (sql: PostgresJsClient, inTx: boolean): RawExecutor => ({
    driver: "postgres",
    query: (text, params) => sql.unsafe(text, params ? [...params] : undefined),
    transaction: inTx ? (work) => work(wrap(sql, true)) : (work) => sql.begin((tx) => work(wrap(tx, true))),
  });
  return wrap(client as PostgresJsClient, false);
}

/** A PostgreSQL array literal: `{"a","b"}` with quotes and backslashes escaped. */
export function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

function toParam(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return pgArrayLiteral(value as string[]);
  return JSON.stringify(value);
}

function placeholder(index: number, sqlType: string): string {
  return sqlType === "text" ? `$${index}` : `$${index}::text::${sqlType}`;
}

/** Inserts `rows` (arrays in column order) in as few statements as the parameter limit allows. */
export async function insertRows(executor: RawExecutor, spec: TableSpec, rows: readonly CellValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const width = spec.columns.length;
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS_PER_STATEMENT / width)));
  const columnList = spec.columns.map(([name]) => `"${name}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    const params: (string | null)[] = new Array(slice.length * width);
    const tuples: string[] = new Array(slice.length);
    let p = 0;
    for (let r = 0; r < slice.length; r++) {
      const row = slice[r];
      const cells: string[] = new Array(width);
      for (let c = 0; c < width; c++) {
        params[p] = toParam(row[c]);
        p++;
        cells[c] = placeholder(p, spec.columns[c][1]);
      }
      tuples[r] = `(${cells.join(",")})`;
    }
    await executor.query(`insert into "${spec.table}" (${columnList}) values ${tuples.join(",")}`, params);
  }
}
