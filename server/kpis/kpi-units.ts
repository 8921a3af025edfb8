import type { KpiUnitFamily } from "@/shared/kpi-values";

/**
 * Units a KPI value may be entered in, and conversions within a unit family. A unit is a base
 * ("kWh", "km", "t") optionally followed by a per-part ("/capita", " per 100 000 population"); two
 * units convert when their bases share a family and their per-parts are the same.
 */

/** Factor to the family's reference unit. */
const BASE_UNITS: Record<string, { family: KpiUnitFamily; factor: number }> = {
  Wh: { family: "energy", factor: 0.001 },
  kWh: { family: "energy", factor: 1 },
  MWh: { family: "energy", factor: 1_000 },
  GWh: { family: "energy", factor: 1_000_000 },
  MJ: { family: "energy", factor: 1 / 3.6 },
  GJ: { family: "energy", factor: 1_000 / 3.6 },
  TJ: { family: "energy", factor: 1_000_000 / 3.6 },
  m: { family: "length", factor: 0.001 },
  km: { family: "length", factor: 1 },
  "m²": { family: "area", factor: 1 },
  m2: { family: "area", factor: 1 },
  ha: { family: "area", factor: 10_000 },
  "km²": { family: "area", factor: 1_000_000 },
  km2: { family: "area", factor: 1_000_000 },
  kg: { family: "mass", factor: 0.001 },
  t: { family: "mass", factor: 1 },
  "t CO2e": { family: "mass", factor: 1 },
  "kg CO2e": { family: "mass", factor: 0.001 },
  L: { family: "volume", factor: 0.001 },
  "m³": { family: "volume", factor: 1 },
  m3: { family: "volume", factor: 1 },
  h: { family: "time", factor: 1 },
  min: { family: "time", factor: 1 / 60 },
  years: { family: "time", factor: 1 },
  "µg/m³": { family: "concentration", factor: 1 },
  "mg/m³": { family: "concentration", factor: 1_000 },
  "%": { family: "percentage", factor: 1 },
};

type ParsedUnit = { base: string; per: string };

function parseUnit(unit: string): ParsedUnit {
  const trimmed = unit.trim();
  if (BASE_UNITS[trimmed]) return { base: trimmed, per: "" };
  const perWord = trimmed.indexOf(" per ");
  if (perWord > 0) return { base: trimmed.slice(0, perWord), per: trimmed.slice(perWord).trim() };
  const slash = trimmed.indexOf("/");
  if (slash > 0) return { base: trimmed.slice(0, slash), per: trimmed.slice(slash) };
  return { base: trimmed, per: "" };
}

export type UnitConversion = { ok: true; value: number } | { ok: false; reason: "unit_mismatch" };

/**
 * Converts `value` in `from` to the KPI's unit `to`. The same unit (ignoring surrounding spaces)
 * always converts; otherwise both bases must be known, of one family, with the same per-part.
 */
export function convertToKpiUnit(value: number, from: string, to: string): UnitConversion {
  if (from.trim() === to.trim()) return { ok: true, value };
  const source = parseUnit(from);
  const target = parseUnit(to);
  const sourceBase = BASE_UNITS[source.base];
  const targetBase = BASE_UNITS[target.base];
  if (!sourceBase || !targetBase || sourceBase.family !== targetBase.family || source.per !== target.per) {
    return { ok: false, reason: "unit_mismatch" };
  }
  // Round off binary noise (1.2 MWh → 1200 kWh, not 1199.9999999999998).
  return { ok: true, value: Number(((value * sourceBase.factor) / targetBase.factor).toPrecision(12)) };
}

export type ValueCheck = { ok: true } | { ok: false; reason: "percentage_range" | "negative_count" | "not_integer" | "not_finite" };

/** What a value must satisfy in its unit family: a percentage is 0–100, a count a non-negative integer. */
export function checkValueForFamily(value: number, family: KpiUnitFamily): ValueCheck {
  if (!Number.isFinite(value)) return { ok: false, reason: "not_finite" };
  if (family === "percentage" && (value < 0 || value > 100)) return { ok: false, reason: "percentage_range" };
  if (family === "count") {
    if (value < 0) return { ok: false, reason: "negative_count" };
    if (!Number.isInteger(value)) return { ok: false, reason: "not_integer" };
  }
  return { ok: true };
}
