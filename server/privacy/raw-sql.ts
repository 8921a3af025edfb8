import { type SQL, sql } from "drizzle-orm";

/** The rows of `db.execute`: postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A quoted identifier for a table or column name read from the catalog. */
export const ident = (name: string): SQL => sql.raw(`"${name.replaceAll('"', '""')}"`);
