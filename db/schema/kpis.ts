import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { KPI_DIRECTIONS, KPI_MEASUREMENT_SOURCES, KPI_STATUSES, KPI_UNIT_FAMILIES } from "../../shared/kpi-values";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, versionColumn } from "./columns";
import { evidence } from "./evidence";
import { cityIdColumn, userIdColumn } from "./identity";

export const kpiDirectionEnum = pgEnum("kpi_direction", KPI_DIRECTIONS);
export const kpiStatusEnum = pgEnum("kpi_status", KPI_STATUSES);
export const kpiMeasurementSourceEnum = pgEnum("kpi_measurement_source", KPI_MEASUREMENT_SOURCES);
export const kpiUnitFamilyEnum = pgEnum("kpi_unit_family", KPI_UNIT_FAMILIES);

/**
 * A city's KPI register entry. A catalogue indicator has `indicatorKey` (server/kpis/indicator-catalogue.ts)
 * and copies its unit and direction; a custom one has `isCustom` and its own `customName`/`customDefinition`.
 * Cross-city benchmarks read only rows with an `indicatorKey` — a custom indicator joins them only when
 * mapped to a catalogue key (then `isCustom` stays true and `indicatorKey` is set).
 * Baseline, target and every measurement are stored in `unit` (measurements in another unit of the same
 * family are converted on the way in).
 */
export const kpis = pgTable(
  "kpis",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    indicatorKey: text("indicator_key"),
    /** The catalogue edition the key was chosen from (e.g. "2018.1"). */
    catalogueVersion: text("catalogue_version"),
    isCustom: boolean("is_custom").notNull().default(false),
    /** `{ en, zh }` for custom indicators; null for catalogue ones (the catalogue has the names). */
    customName: jsonb("custom_name").$type<{ en: string; zh: string } | null>(),
    customDefinition: jsonb("custom_definition").$type<{ en: string; zh: string } | null>(),
    unit: text("unit").notNull(),
    unitFamily: kpiUnitFamilyEnum("unit_family").notNull(),
    direction: kpiDirectionEnum("direction").notNull(),
    baselineValue: doublePrecision("baseline_value").notNull(),
    baselineYear: smallint("baseline_year").notNull(),
    targetValue: doublePrecision("target_value").notNull(),
    targetYear: smallint("target_year").notNull(),
    /** The department (or leadership) member who enters measurements. */
    ownerId: userIdColumn("owner_id"),
    characteristicKeys: text("characteristic_keys").array().notNull().default(sql`'{}'::text[]`),
    /** Strategy objectives the KPI serves, free text. */
    objectives: text("objectives").array().notNull().default(sql`'{}'::text[]`),
    isPublic: boolean("is_public").notNull().default(false),
    /** A measurement older than this is overdue. */
    frequencyMonths: smallint("frequency_months").notNull().default(12),
    /** Last evaluated state; alerts fire when a new evaluation differs (idempotent by `where status = old`). */
    status: kpiStatusEnum("status").notNull().default("no_data"),
    overdue: boolean("overdue").notNull().default(false),
    statusEvaluatedAt: timestamptz("status_evaluated_at"),
    /** Denormalised latest measurement for lists and benchmarks. */
    latestValue: doublePrecision("latest_value"),
    latestMeasuredOn: date("latest_measured_on", { mode: "string" }),
    createdBy: userIdColumn("created_by"),
    archivedAt: timestamptz("archived_at"),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index("kpis_city_idx").on(t.cityId, t.status),
    index("kpis_indicator_idx").on(t.indicatorKey, t.isPublic),
    index("kpis_owner_idx").on(t.ownerId),
  ],
);

/** Records one CSV import (audit and the measurements' `import_id`). */
export const kpiImports = pgTable(
  "kpi_imports",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    filename: text("filename").notNull(),
    rowCount: integer("row_count").notNull(),
    writtenCount: integer("written_count").notNull(),
    skippedCount: integer("skipped_count").notNull().default(0),
    createdBy: userIdColumn("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("kpi_imports_city_idx").on(t.cityId, t.createdAt)],
);

/** One value of a KPI at a date (a year's value is dated 31 December). One value per KPI and date. */
export const kpiMeasurements = pgTable(
  "kpi_measurements",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    kpiId: uuid("kpi_id")
      .notNull()
      .references(() => kpis.id),
    measuredOn: date("measured_on", { mode: "string" }).notNull(),
    /** In the KPI's unit. */
    value: doublePrecision("value").notNull(),
    /** What was entered, when converted (e.g. 1.2 MWh for a kWh KPI). */
    enteredValue: doublePrecision("entered_value"),
    enteredUnit: text("entered_unit"),
    source: kpiMeasurementSourceEnum("source").notNull(),
    evidenceId: uuid("evidence_id").references(() => evidence.id),
    importId: uuid("import_id").references(() => kpiImports.id),
    note: text("note"),
    enteredBy: userIdColumn("entered_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("kpi_measurements_kpi_date_uq").on(t.kpiId, t.measuredOn), index("kpi_measurements_city_idx").on(t.cityId)],
);
