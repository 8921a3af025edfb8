import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { kpiImports, kpiMeasurements, kpis } from "@/db/schema/kpis";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Actor } from "@/server/auth/authorize";
import { DomainError } from "@/server/errors/domain-error";
import { invalidatePublicKpis } from "@/server/kpis/public-kpi-cache";
import { findIndicator, INDICATOR_CATALOGUE } from "./indicator-catalogue";
import { evaluateKpis, kpiDisplayName, refreshStaleKpis, todayIso } from "./kpi-alerts";
import { type KpiCsvError, type KpiCsvTarget, validateKpiCsv } from "./kpi-csv";
import type { AddMeasurementInput, KpiDefinition } from "./kpi-schemas";
import { MAX_KPI_CSV_ROWS } from "./kpi-schemas";
import { STATUS_URGENCY, yearEnd } from "./kpi-trajectory";
import { checkValueForFamily, convertToKpiUnit } from "./kpi-units";

export type KpiRow = typeof kpis.$inferSelect;

/** Loads a register entry (archived ones too) or throws NOT_FOUND. */
export async function findKpi(db: DbOrTx, kpiId: string): Promise<KpiRow> {
  const [row] = await db.select().from(kpis).where(eq(kpis.id, kpiId));
  if (!row) throw new DomainError("NOT_FOUND", "KPI not found.");
  return row;
}

/** Leadership may change any KPI of the city; a department member the ones they own or created. */
function assertMayChange(actor: Actor, kpi: Pick<KpiRow, "ownerId" | "createdBy">): void {
  if (actor.role === "leadership") return;
  if (kpi.ownerId === actor.userId || kpi.createdBy === actor.userId) return;
  throw new DomainError("FORBIDDEN", "Only the KPI's owner, its author or the leadership group may change it.");
}

/** Measurements are entered by the KPI's owner or the leadership group. */
function assertMayMeasure(actor: Actor, kpi: Pick<KpiRow, "ownerId">): void {
  if (actor.role === "leadership" || kpi.ownerId === actor.userId) return;
  throw new DomainError("FORBIDDEN", "Only the KPI's owner or the leadership group may enter its measurements.");
}

/** The owner must be an active department or leadership member of the city. */
async function assertOwner(tx: DbOrTx, cityId: string, ownerId: string): Promise<void> {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.cityId, cityId),
        eq(memberships.userId, ownerId),
        isNull(memberships.revokedAt),
        inArray(memberships.role, ["department", "leadership"]),
      ),
    );
  if (!member) {
    throw new DomainError("BAD_REQUEST", "The owner must be a department or leadership member of the city.", {
      fieldErrors: { ownerId: ["The owner must be a department or leadership member of the city."] },
    });
  }
}

/** One active register entry per catalogue indicator and city (CSV rows name KPIs by that key). */
async function assertIndicatorFree(tx: DbOrTx, cityId: string, indicatorKey: string | undefined, exceptId?: string): Promise<void> {
  if (!indicatorKey) return;
  const conditions = [eq(kpis.cityId, cityId), eq(kpis.indicatorKey, indicatorKey), isNull(kpis.archivedAt)];
  if (exceptId) conditions.push(ne(kpis.id, exceptId));
  const [clash] = await tx
    .select({ id: kpis.id })
    .from(kpis)
    .where(and(...conditions));
  if (clash) {
    throw new DomainError("CONFLICT", "The register already has a KPI for this indicator.", {
      fieldErrors: { indicatorKey: ["The register already has a KPI for this indicator."] },
      details: { kpiId: clash.id },
    });
  }
}

/** The columns a definition sets: a catalogue indicator brings its unit and direction. */
function definitionColumns(def: KpiDefinition) {
  const indicator = def.indicatorKey ? findIndicator(def.indicatorKey) : undefined;
  const custom = def.isCustom;
  return {
    indicatorKey: indicator?.key ?? null,
    catalogueVersion: indicator ? INDICATOR_CATALOGUE.version : null,
    isCustom: custom,
    customName: custom ? { en: def.customNameEn ?? "", zh: def.customNameZh || def.customNameEn || "" } : null,
    customDefinition:
      custom && (def.customDefinitionEn || def.customDefinitionZh)
        ? { en: def.customDefinitionEn ?? "", zh: def.customDefinitionZh || def.customDefinitionEn || "" }
        : null,
    unit: custom ? (def.unit ?? "") : (indicator?.unit ?? ""),
    unitFamily: custom ? (def.unitFamily ?? "other") : (indicator?.unitFamily ?? "other"),
    direction: custom ? (def.direction ?? "higher_is_better") : (indicator?.direction ?? "higher_is_better"),
    baselineValue: def.baselineValue,
    baselineYear: def.baselineYear,
    targetValue: def.targetValue,
    targetYear: def.targetYear,
    ownerId: def.ownerId,
    characteristicKeys: def.characteristicKeys,
    objectives: def.objectives,
    isPublic: def.isPublic,
    frequencyMonths: def.frequencyMonths,
  };
}

export async function createKpi(db: Db, actor: Actor, cityId: string, def: KpiDefinition): Promise<KpiRow> {
  return db.transaction(async (tx) => {
    await assertOwner(tx, cityId, def.ownerId);
    await assertIndicatorFree(tx, cityId, def.indicatorKey);
    const [row] = await tx
      .insert(kpis)
      .values({ cityId, ...definitionColumns(def), createdBy: actor.userId })
      .returning();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "kpi.create",
      entityType: "kpi",
      entityId: row.id,
      cityId,
      after: definitionColumns(def),
    });
    await evaluateKpis(tx, [row.id], { actorId: actor.userId });
    if (row.isPublic) await invalidatePublicKpis(tx, { cityId });
    return findKpi(tx, row.id);
  });
}

function conflict(current: KpiRow | undefined): DomainError {
  return new DomainError("CONFLICT", "Someone else changed this KPI; reload it and try again.", { details: { version: current?.version } });
}

export async function updateKpi(db: Db, actor: Actor, kpi: KpiRow, version: number, def: KpiDefinition): Promise<KpiRow> {
  assertMayChange(actor, kpi);
  if (kpi.archivedAt) throw new DomainError("INVALID_TRANSITION", "This KPI is archived.");
  return db.transaction(async (tx) => {
    await assertOwner(tx, kpi.cityId, def.ownerId);
    await assertIndicatorFree(tx, kpi.cityId, def.indicatorKey, kpi.id);
    const columns = definitionColumns(def);
    if (columns.unit !== kpi.unit || columns.unitFamily !== kpi.unitFamily) {
      const [measured] = await tx
        .select({ id: kpiMeasurements.id })
        .from(kpiMeasurements)
        .where(eq(kpiMeasurements.kpiId, kpi.id))
        .limit(1);
      if (measured) throw new DomainError("CONFLICT", "The unit cannot change once measurements exist.");
    }
    const [updated] = await tx
      .update(kpis)
      .set({ ...columns, version: sql`${kpis.version} + 1`, updatedAt: new Date() })
      .where(and(eq(kpis.id, kpi.id), eq(kpis.version, version)))
      .returning();
    if (!updated)
      throw conflict(
        await tx
          .select()
          .from(kpis)
          .where(eq(kpis.id, kpi.id))
          .then((r) => r[0]),
      );
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "kpi.update",
      entityType: "kpi",
      entityId: kpi.id,
      cityId: kpi.cityId,
      before: { ...kpi, createdAt: undefined, updatedAt: undefined, statusEvaluatedAt: undefined },
      after: columns,
    });
    await evaluateKpis(tx, [kpi.id], { actorId: actor.userId });
    if (kpi.isPublic || updated.isPublic) await invalidatePublicKpis(tx, { cityId: kpi.cityId });
    return findKpi(tx, kpi.id);
  });
}

export async function archiveKpi(db: Db, actor: Actor, kpi: KpiRow, version: number): Promise<KpiRow> {
  assertMayChange(actor, kpi);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(kpis)
      .set({ archivedAt: new Date(), isPublic: false, overdue: false, version: sql`${kpis.version} + 1`, updatedAt: new Date() })
      .where(and(eq(kpis.id, kpi.id), eq(kpis.version, version), isNull(kpis.archivedAt)))
      .returning();
    if (!updated) throw conflict(kpi);
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "kpi.archive",
      entityType: "kpi",
      entityId: kpi.id,
      cityId: kpi.cityId,
    });
    if (kpi.isPublic) await invalidatePublicKpis(tx, { cityId: kpi.cityId });
    return updated;
  });
}

/** The register of a city, worst status first (off track, at risk, no data, on track), then by name. */
export async function listCityKpis(db: Db, cityId: string, options: { today?: string } = {}) {
  await refreshStaleKpis(db, cityId, options.today ?? todayIso());
  const rows = await db
    .select({ kpi: kpis, ownerName: users.name })
    .from(kpis)
    .innerJoin(users, eq(users.id, kpis.ownerId))
    .where(and(eq(kpis.cityId, cityId), isNull(kpis.archivedAt)))
    .orderBy(asc(kpis.createdAt))
    .limit(1000);
  return rows
    .map(({ kpi, ownerName }) => ({ ...kpi, ownerName, name: { en: kpiDisplayName(kpi, "en"), zh: kpiDisplayName(kpi, "zh") } }))
    .sort((a, b) => STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status] || Number(b.overdue) - Number(a.overdue));
}

/** One KPI with its measurements (oldest first) and its owner's name. */
export async function kpiDetail(db: Db, kpi: KpiRow) {
  const [owner, measurements] = await Promise.all([
    db.select({ name: users.name }).from(users).where(eq(users.id, kpi.ownerId)),
    db
      .select({
        id: kpiMeasurements.id,
        measuredOn: kpiMeasurements.measuredOn,
        value: kpiMeasurements.value,
        enteredValue: kpiMeasurements.enteredValue,
        enteredUnit: kpiMeasurements.enteredUnit,
        source: kpiMeasurements.source,
        evidenceId: kpiMeasurements.evidenceId,
        note: kpiMeasurements.note,
        enteredByName: users.name,
      })
      .from(kpiMeasurements)
      .innerJoin(users, eq(users.id, kpiMeasurements.enteredBy))
      .where(eq(kpiMeasurements.kpiId, kpi.id))
      .orderBy(asc(kpiMeasurements.measuredOn))
      .limit(2000),
  ]);
  return {
    kpi: { ...kpi, name: { en: kpiDisplayName(kpi, "en"), zh: kpiDisplayName(kpi, "zh") } },
    ownerName: owner[0]?.name ?? "",
    indicator: kpi.indicatorKey ? (findIndicator(kpi.indicatorKey) ?? null) : null,
    measurements,
  };
}

/** The city's active KPIs, for linking KPI evidence to a register entry. */
export async function linkableKpis(db: Db, cityId: string) {
  const rows = await db
    .select()
    .from(kpis)
    .where(and(eq(kpis.cityId, cityId), isNull(kpis.archivedAt)))
    .orderBy(asc(kpis.createdAt))
    .limit(1000);
  return rows.map((kpi) => ({ id: kpi.id, unit: kpi.unit, name: { en: kpiDisplayName(kpi, "en"), zh: kpiDisplayName(kpi, "zh") } }));
}

/** Department and leadership members of the city: who may own a KPI. */
export async function kpiOwnerCandidates(db: Db, cityId: string) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.cityId, cityId), isNull(memberships.revokedAt), inArray(memberships.role, ["department", "leadership"])))
    .orderBy(asc(users.name));
}

type MeasurementValues = {
  measuredOn: string;
  value: number;
  enteredValue: number | null;
  enteredUnit: string | null;
  note: string | null;
};

/** A measurement's value in the KPI's unit, or BAD_REQUEST with the field that is wrong. */
export function measurementFor(kpi: Pick<KpiRow, "unit" | "unitFamily">, value: number, unit: string | undefined) {
  const conversion = unit && unit.trim() !== "" ? convertToKpiUnit(value, unit, kpi.unit) : { ok: true as const, value };
  if (!conversion.ok) {
    const message = `The unit "${unit}" does not convert to ${kpi.unit}.`;
    throw new DomainError("BAD_REQUEST", message, { fieldErrors: { unit: [message] } });
  }
  const check = checkValueForFamily(conversion.value, kpi.unitFamily);
  if (!check.ok) {
    const message =
      check.reason === "percentage_range"
        ? "A percentage is between 0 and 100."
        : check.reason === "negative_count"
          ? "A count cannot be negative."
          : check.reason === "not_integer"
            ? "A count is a whole number."
            : "Enter a finite number.";
    throw new DomainError("BAD_REQUEST", message, { fieldErrors: { value: [message] } });
  }
  const converted = unit && unit.trim() !== "" && unit.trim() !== kpi.unit;
  return { value: conversion.value, enteredValue: converted ? value : null, enteredUnit: converted ? unit.trim() : null };
}

/** Writes one value per KPI and date (a later value for the same date replaces the earlier one). */
async function upsertMeasurements(
  tx: DbOrTx,
  cityId: string,
  enteredBy: string,
  source: "manual" | "evidence" | "csv",
  values: ReadonlyArray<MeasurementValues & { kpiId: string }>,
  extra: { evidenceId?: string; importId?: string } = {},
): Promise<void> {
  const BATCH = 1000;
  for (let start = 0; start < values.length; start += BATCH) {
    await tx
      .insert(kpiMeasurements)
      .values(
        values.slice(start, start + BATCH).map((v) => ({
          cityId,
          kpiId: v.kpiId,
          measuredOn: v.measuredOn,
          value: v.value,
          enteredValue: v.enteredValue,
          enteredUnit: v.enteredUnit,
          note: v.note,
          source,
          enteredBy,
          evidenceId: extra.evidenceId ?? null,
          importId: extra.importId ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [kpiMeasurements.kpiId, kpiMeasurements.measuredOn],
        set: {
          value: sql`excluded.value`,
          enteredValue: sql`excluded.entered_value`,
          enteredUnit: sql`excluded.entered_unit`,
          note: sql`excluded.note`,
          source: sql`excluded.source`,
          enteredBy: sql`excluded.entered_by`,
          evidenceId: sql`excluded.evidence_id`,
          importId: sql`excluded.import_id`,
          createdAt: sql`now()`,
        },
      });
  }
}

function measuredOnDate(measuredOn: string): string {
  return /^\d{4}$/.test(measuredOn) ? yearEnd(Number(measuredOn)) : measuredOn;
}

export async function addMeasurement(db: Db, actor: Actor, kpi: KpiRow, input: Omit<AddMeasurementInput, "value"> & { value: number }) {
  assertMayMeasure(actor, kpi);
  if (kpi.archivedAt) throw new DomainError("INVALID_TRANSITION", "This KPI is archived.");
  const values = measurementFor(kpi, input.value, input.unit);
  const measuredOn = measuredOnDate(input.measuredOn);
  return db.transaction(async (tx) => {
    await upsertMeasurements(tx, kpi.cityId, actor.userId, "manual", [{ kpiId: kpi.id, measuredOn, note: input.note ?? null, ...values }]);
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "kpi.measurement",
      entityType: "kpi",
      entityId: kpi.id,
      cityId: kpi.cityId,
      after: { measuredOn, ...values },
    });
    await evaluateKpis(tx, [kpi.id], { actorId: actor.userId });
    if (kpi.isPublic) await invalidatePublicKpis(tx, { cityId: kpi.cityId });
    return findKpi(tx, kpi.id);
  });
}

export async function deleteMeasurement(db: Db, actor: Actor, kpi: KpiRow, measurementId: string) {
  assertMayMeasure(actor, kpi);
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(kpiMeasurements)
      .where(and(eq(kpiMeasurements.id, measurementId), eq(kpiMeasurements.kpiId, kpi.id)))
      .returning();
    if (!removed) throw new DomainError("NOT_FOUND", "Measurement not found.");
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "kpi.measurement_delete",
      entityType: "kpi",
      entityId: kpi.id,
      cityId: kpi.cityId,
      before: { measuredOn: removed.measuredOn, value: removed.value },
    });
    await evaluateKpis(tx, [kpi.id], { actorId: actor.userId });
    if (kpi.isPublic) await invalidatePublicKpis(tx, { cityId: kpi.cityId });
    return findKpi(tx, kpi.id);
  });
}

/**
 * The KPIs a CSV row may name, by id and by catalogue key: all active ones for leadership, the
 * caller's own for a department member (another's KPI reads as unknown).
 */
export async function csvTargets(db: DbOrTx, actor: Actor, cityId: string): Promise<Map<string, KpiCsvTarget>> {
  const conditions = [eq(kpis.cityId, cityId), isNull(kpis.archivedAt)];
  if (actor.role !== "leadership") conditions.push(eq(kpis.ownerId, actor.userId));
  const rows = await db
    .select({ id: kpis.id, indicatorKey: kpis.indicatorKey, unit: kpis.unit, unitFamily: kpis.unitFamily })
    .from(kpis)
    .where(and(...conditions));
  const targets = new Map<string, KpiCsvTarget>();
  for (const row of rows) {
    const target = { id: row.id, unit: row.unit, unitFamily: row.unitFamily };
    targets.set(row.id, target);
    if (row.indicatorKey) targets.set(row.indicatorKey, target);
  }
  return targets;
}

export type KpiCsvImportResult = {
  importId: string | null;
  recordCount: number;
  written: number;
  skipped: number;
  errors: KpiCsvError[];
};

/**
 * Validates the whole file (the same rules the page ran) and writes in one transaction: nothing
 * when any row is bad in `all_or_nothing` mode, only the valid rows in `valid_rows_only` mode.
 * Errors come back with their line numbers either way.
 */
export async function importKpiCsv(
  db: Db,
  actor: Actor,
  cityId: string,
  input: { filename: string; csv: string; mode: "all_or_nothing" | "valid_rows_only" },
): Promise<KpiCsvImportResult> {
  const targets = await csvTargets(db, actor, cityId);
  const { rows, errors, recordCount } = await validateKpiCsv(input.csv, targets, { maxRows: MAX_KPI_CSV_ROWS });
  const cappedErrors = errors.slice(0, 1000);
  if (rows.length === 0 || (errors.length > 0 && input.mode === "all_or_nothing")) {
    return { importId: null, recordCount, written: 0, skipped: recordCount, errors: cappedErrors };
  }
  return db.transaction(async (tx) => {
    const [record] = await tx
      .insert(kpiImports)
      .values({
        cityId,
        filename: input.filename,
        rowCount: recordCount,
        writtenCount: rows.length,
        skippedCount: recordCount - rows.length,
        createdBy: actor.userId,
      })
      .returning({ id: kpiImports.id });
    await upsertMeasurements(tx, cityId, actor.userId, "csv", rows, { importId: record.id });
    const kpiIds = [...new Set(rows.map((r) => r.kpiId))];
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "kpi.import",
      entityType: "kpi_import",
      entityId: record.id,
      cityId,
      after: { filename: input.filename, rows: recordCount, written: rows.length, kpis: kpiIds.length },
    });
    await evaluateKpis(tx, kpiIds, { actorId: actor.userId });
    // One invalidation per import, whether or not the file touched a public entry: cheap, and an
    // import is rare.
    await invalidatePublicKpis(tx, { cityId });
    return { importId: record.id, recordCount, written: rows.length, skipped: recordCount - rows.length, errors: cappedErrors };
  });
}

/**
 * Accepted KPI evidence that names a register entry of its city adds (or replaces) that date's
 * measurement, in the review's transaction. A value whose unit does not convert, or a KPI of another
 * city or archived, adds nothing (the submission form only offers fitting KPIs).
 */
export async function recordKpiEvidenceMeasurement(
  tx: DbOrTx,
  input: {
    cityId: string;
    evidenceId: string;
    authorId: string;
    payload: { kpiId?: string; value: number; unit: string; measuredOn: string };
  },
): Promise<boolean> {
  const { kpiId } = input.payload;
  if (!kpiId) return false;
  const [kpi] = await tx
    .select()
    .from(kpis)
    .where(and(eq(kpis.id, kpiId), eq(kpis.cityId, input.cityId), isNull(kpis.archivedAt)));
  if (!kpi) return false;
  const conversion = convertToKpiUnit(input.payload.value, input.payload.unit, kpi.unit);
  if (!conversion.ok || !checkValueForFamily(conversion.value, kpi.unitFamily).ok) return false;
  const converted = input.payload.unit.trim() !== kpi.unit;
  await upsertMeasurements(
    tx,
    kpi.cityId,
    input.authorId,
    "evidence",
    [
      {
        kpiId: kpi.id,
        measuredOn: input.payload.measuredOn.slice(0, 10),
        value: conversion.value,
        enteredValue: converted ? input.payload.value : null,
        enteredUnit: converted ? input.payload.unit : null,
        note: null,
      },
    ],
    { evidenceId: input.evidenceId },
  );
  await evaluateKpis(tx, [kpi.id]);
  if (kpi.isPublic) await invalidatePublicKpis(tx, { cityId: kpi.cityId });
  return true;
}
