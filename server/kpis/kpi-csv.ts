/**
 * The KPI measurement CSV (docs/kpis.md "CSV format"): parsed by papaparse and checked row by row,
 * with the line number and a reason code for every bad row. Pure and browser-safe: the import page
 * runs it in chunks for its progress bar, the server runs it again before writing anything.
 */
import Papa from "papaparse";
import type { KpiUnitFamily } from "@/shared/kpi-values";
import { yearEnd } from "./kpi-trajectory";
import { checkValueForFamily, convertToKpiUnit } from "./kpi-units";

export const KPI_CSV_COLUMNS = ["kpi", "period", "value", "unit", "note"] as const;
const REQUIRED_COLUMNS = ["kpi", "period", "value"] as const;

export const KPI_CSV_ERROR_CODES = [
  "empty_file",
  "missing_column",
  "unknown_column",
  "too_many_rows",
  "wrong_field_count",
  "unknown_kpi",
  "bad_period",
  "missing_value",
  "bad_number",
  "percentage_range",
  "negative_count",
  "not_integer",
  "not_finite",
  "unit_mismatch",
  "duplicate_row",
  "note_too_long",
] as const;
export type KpiCsvErrorCode = (typeof KPI_CSV_ERROR_CODES)[number];

export type KpiCsvError = {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  code: KpiCsvErrorCode;
  /** Values the message interpolates: the column, the offending value, the first line of a duplicate. */
  params?: Record<string, string | number>;
};

/** What the validator needs to know about each KPI a row may name. */
export type KpiCsvTarget = { id: string; unit: string; unitFamily: KpiUnitFamily };

export type KpiCsvRow = {
  line: number;
  kpiId: string;
  measuredOn: string;
  value: number;
  enteredValue: number | null;
  enteredUnit: string | null;
  note: string | null;
};

export type KpiCsvRecord = { line: number; fields: string[] };
export type ParsedKpiCsv = { header: KpiCsvError[]; columns: Map<string, number>; records: KpiCsvRecord[] };

export const MIN_PERIOD_YEAR = 1990;
export const MAX_PERIOD_YEAR = 2100;
const MAX_NOTE = 500;

/** Splits the file into records with their line numbers; checks the header. Strips a BOM. */
export function parseKpiCsv(text: string, maxRows: number): ParsedKpiCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: KpiCsvRecord[] = [];
  let newlines = 0;
  let previousCursor = 0;
  Papa.parse<string[]>(body, {
    step: (result) => {
      const line = newlines + 1;
      const cursor = result.meta.cursor;
      for (let i = previousCursor; i < cursor; i++) if (body.charCodeAt(i) === 10) newlines++;
      previousCursor = cursor;
      const fields = result.data.map((field) => field.trim());
      if (fields.every((field) => field === "")) return;
      records.push({ line, fields });
    },
  });
  const columns = new Map<string, number>();
  const header: KpiCsvError[] = [];
  const [first, ...rest] = records;
  if (!first) return { header: [{ line: 1, code: "empty_file" }], columns, records: [] };
  first.fields.forEach((name, index) => {
    const column = name.toLowerCase();
    if (!(KPI_CSV_COLUMNS as readonly string[]).includes(column)) {
      header.push({ line: first.line, code: "unknown_column", params: { column: name } });
    } else columns.set(column, index);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.has(column)) header.push({ line: first.line, code: "missing_column", params: { column } });
  }
  if (header.length === 0 && rest.length === 0) header.push({ line: 1, code: "empty_file" });
  if (rest.length > maxRows) header.push({ line: rest[maxRows].line, code: "too_many_rows", params: { max: maxRows } });
  return { header, columns, records: rest };
}

/** Plain decimal notation only ("12.5", "-3", "1e3" is refused): a CSV has no locale to guess from. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function periodDate(period: string): string | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) {
    const y = Number(year[1]);
    return y >= MIN_PERIOD_YEAR && y <= MAX_PERIOD_YEAR ? yearEnd(y) : null;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (!day) return null;
  const y = Number(day[1]);
  if (y < MIN_PERIOD_YEAR || y > MAX_PERIOD_YEAR) return null;
  const date = new Date(`${period}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === period ? period : null;
}

/** Checks one record; returns the row or its errors. `seen` carries kpiId|date → first line for duplicates. */
export function validateKpiCsvRecord(
  record: KpiCsvRecord,
  columns: Map<string, number>,
  targets: ReadonlyMap<string, KpiCsvTarget>,
  seen: Map<string, number>,
): { row: KpiCsvRow } | { errors: KpiCsvError[] } {
  const at = (column: string) => {
    const index = columns.get(column);
    return index === undefined ? "" : (record.fields[index] ?? "");
  };
  const { line } = record;
  if (record.fields.length !== columns.size) {
    return { errors: [{ line, code: "wrong_field_count", params: { expected: columns.size, found: record.fields.length } }] };
  }
  const errors: KpiCsvError[] = [];
  const reference = at("kpi");
  const target = targets.get(reference);
  if (!target) errors.push({ line, code: "unknown_kpi", params: { value: reference } });
  const period = at("period");
  const measuredOn = periodDate(period);
  if (!measuredOn) errors.push({ line, code: "bad_period", params: { value: period } });
  const rawValue = at("value");
  let value: number | null = null;
  if (rawValue === "") errors.push({ line, code: "missing_value" });
  else if (!PLAIN_NUMBER.test(rawValue)) errors.push({ line, code: "bad_number", params: { value: rawValue } });
  else value = Number(rawValue);
  const note = at("note");
  if (note.length > MAX_NOTE) errors.push({ line, code: "note_too_long", params: { max: MAX_NOTE } });
  const unit = at("unit");
  let converted: number | null = null;
  if (target && value !== null) {
    const conversion = unit === "" ? { ok: true as const, value } : convertToKpiUnit(value, unit, target.unit);
    if (!conversion.ok) errors.push({ line, code: "unit_mismatch", params: { value: unit, expected: target.unit } });
    else {
      const check = checkValueForFamily(conversion.value, target.unitFamily);
      if (!check.ok) errors.push({ line, code: check.reason, params: { value: rawValue } });
      else converted = conversion.value;
    }
  }
  if (target && measuredOn) {
    const key = `${target.id}|${measuredOn}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) errors.push({ line, code: "duplicate_row", params: { first: firstLine } });
    else seen.set(key, line);
  }
  if (errors.length > 0 || !target || !measuredOn || converted === null || value === null) return { errors };
  const convertedFrom = unit !== "" && unit !== target.unit;
  return {
    row: {
      line,
      kpiId: target.id,
      measuredOn,
      value: converted,
      enteredValue: convertedFrom ? value : null,
      enteredUnit: convertedFrom ? unit : null,
      note: note === "" ? null : note,
    },
  };
}

export type KpiCsvValidation = { rows: KpiCsvRow[]; errors: KpiCsvError[]; recordCount: number };

/**
 * The whole file at once (the server) or in chunks (`onChunk` after every `chunkSize` records, so a
 * page can show progress and yield to the browser).
 */
export async function validateKpiCsv(
  text: string,
  targets: ReadonlyMap<string, KpiCsvTarget>,
  options: { maxRows: number; chunkSize?: number; onChunk?: (done: number, total: number) => Promise<void> | void },
): Promise<KpiCsvValidation> {
  const parsed = parseKpiCsv(text, options.maxRows);
  if (parsed.header.length > 0) return { rows: [], errors: parsed.header, recordCount: parsed.records.length };
  const rows: KpiCsvRow[] = [];
  const errors: KpiCsvError[] = [];
  const seen = new Map<string, number>();
  const chunk = options.chunkSize ?? parsed.records.length;
  for (let start = 0; start < parsed.records.length; start += chunk) {
    for (const record of parsed.records.slice(start, start + chunk)) {
      const result = validateKpiCsvRecord(record, parsed.columns, targets, seen);
      if ("row" in result) rows.push(result.row);
      else errors.push(...result.errors);
    }
    await options.onChunk?.(Math.min(start + chunk, parsed.records.length), parsed.records.length);
  }
  return { rows, errors, recordCount: parsed.records.length };
}
