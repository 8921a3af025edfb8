/**
 * The closed value sets of the KPI register (issue #16): imported by the drizzle enums, the pure
 * trajectory rule, the zod schemas and the UI. Imports nothing.
 */

/** Which way is better for an indicator. */
export const KPI_DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/**
 * Where a KPI stands against the linear path from its baseline to its target (docs/kpis.md).
 * `no_data` = no measurement after the baseline yet.
 */
export const KPI_STATUSES = ["on_track", "at_risk", "off_track", "no_data"] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** How a measurement got into the register. */
export const KPI_MEASUREMENT_SOURCES = ["manual", "evidence", "csv"] as const;

/**
 * Unit families: values convert within a family (kWh ↔ MWh, m ↔ km), never across. `percentage` is
 * 0–100, `count` a non-negative integer, `ratio` and `other` any finite number.
 */
export const KPI_UNIT_FAMILIES = [
  "percentage",
  "count",
  "rate",
  "ratio",
  "energy",
  "length",
  "area",
  "mass",
  "volume",
  "money",
  "time",
  "concentration",
  "other",
] as const;
export type KpiUnitFamily = (typeof KPI_UNIT_FAMILIES)[number];
