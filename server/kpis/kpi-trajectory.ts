import type { KpiDirection, KpiStatus } from "@/shared/kpi-values";

/**
 * The trajectory rule (docs/kpis.md): a KPI is judged by its latest measurement against the straight
 * line from its baseline (value at 31 December of the baseline year) to its target (value at
 * 31 December of the target year), read at the measurement's date. Pure: no framework imports.
 */

/** Within this share of the baseline→target distance behind the path: still on track. */
export const ON_TRACK_TOLERANCE = 0.05;
/** Within this share behind the path: at risk; further behind: off track. */
export const AT_RISK_TOLERANCE = 0.15;

export type TrajectoryInput = {
  direction: KpiDirection;
  baselineValue: number;
  baselineYear: number;
  targetValue: number;
  targetYear: number;
};

export type Measurement = { measuredOn: string; value: number };

const DAY_MS = 86_400_000;

/** The date a year's value stands for. */
export function yearEnd(year: number): string {
  return `${String(year).padStart(4, "0")}-12-31`;
}

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The value the linear path expects at `isoDate`: the baseline before it starts, the target after it ends. */
export function expectedValueAt(kpi: TrajectoryInput, isoDate: string): number {
  const start = dayNumber(yearEnd(kpi.baselineYear));
  const end = dayNumber(yearEnd(kpi.targetYear));
  const day = dayNumber(isoDate);
  const share = end <= start ? 1 : Math.min(1, Math.max(0, (day - start) / (end - start)));
  return kpi.baselineValue + (kpi.targetValue - kpi.baselineValue) * share;
}

/** +1 when a higher value is better, −1 when lower is better. */
function sign(direction: KpiDirection): 1 | -1 {
  return direction === "higher_is_better" ? 1 : -1;
}

/**
 * The distance the tolerances are shares of: |target − baseline|, or for a "hold the level" KPI
 * (target = baseline) |target|, or 1 when both are 0.
 */
function toleranceScale(kpi: TrajectoryInput): number {
  const span = Math.abs(kpi.targetValue - kpi.baselineValue);
  if (span > 0) return span;
  return Math.abs(kpi.targetValue) > 0 ? Math.abs(kpi.targetValue) : 1;
}

/**
 * The status of one measurement:
 * - target reached or beaten (in the KPI's direction) → on_track;
 * - otherwise its lead over the path (positive = ahead) decides: ≥ −5 % of the scale → on_track,
 *   ≥ −15 % → at_risk, else off_track.
 */
export function measurementStatus(kpi: TrajectoryInput, measurement: Measurement): Exclude<KpiStatus, "no_data"> {
  const s = sign(kpi.direction);
  if (s * (measurement.value - kpi.targetValue) >= 0) return "on_track";
  const lead = (s * (measurement.value - expectedValueAt(kpi, measurement.measuredOn))) / toleranceScale(kpi);
  if (lead >= -ON_TRACK_TOLERANCE) return "on_track";
  if (lead >= -AT_RISK_TOLERANCE) return "at_risk";
  return "off_track";
}

/** The latest measurement dated after the baseline date, or null. */
export function latestMeasurement(kpi: TrajectoryInput, measurements: readonly Measurement[]): Measurement | null {
  const baselineDate = yearEnd(kpi.baselineYear);
  let latest: Measurement | null = null;
  for (const m of measurements) {
    if (m.measuredOn <= baselineDate) continue;
    if (!latest || m.measuredOn > latest.measuredOn) latest = m;
  }
  return latest;
}

/** The KPI's status: from its latest measurement after the baseline, `no_data` when there is none. */
export function kpiStatus(kpi: TrajectoryInput, measurements: readonly Measurement[]): KpiStatus {
  const latest = latestMeasurement(kpi, measurements);
  return latest ? measurementStatus(kpi, latest) : "no_data";
}

function addMonths(isoDate: string, months: number): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString().slice(0, 10);
}

/**
 * A measurement is overdue when none is dated within `frequencyMonths` before `today`, counting from
 * the latest measurement (or the baseline date when there is none yet). Never overdue after the
 * target date has passed and been measured.
 */
export function isOverdue(kpi: TrajectoryInput & { frequencyMonths: number }, latestMeasuredOn: string | null, today: string): boolean {
  const from = latestMeasuredOn && latestMeasuredOn > yearEnd(kpi.baselineYear) ? latestMeasuredOn : yearEnd(kpi.baselineYear);
  if (latestMeasuredOn && latestMeasuredOn >= yearEnd(kpi.targetYear)) return false;
  return addMonths(from, kpi.frequencyMonths) < today.slice(0, 10);
}

/** Worst first, for "at risk first" lists. */
export const STATUS_URGENCY: Record<KpiStatus, number> = { off_track: 0, at_risk: 1, no_data: 2, on_track: 3 };
