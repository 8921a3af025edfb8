import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { memberships } from "@/db/schema/identity";
import { kpiImports, kpiMeasurements, kpis } from "@/db/schema/kpis";
import { notifications } from "@/db/schema/notifications";
import { evaluateKpis } from "@/server/kpis/kpi-alerts";
import { validateKpiCsv } from "@/server/kpis/kpi-csv";
import { csvTargets } from "@/server/kpis/kpi-register";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { type CityCast, callerFor, makeAssessment, makeCityCast, makeMember } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
});
afterAll(() => h.close());

const renewables = (ownerId: string) => ({
  indicatorKey: "energy.renewable_share",
  baselineValue: 10,
  baselineYear: 2020,
  targetValue: 30,
  targetYear: 2030,
  ownerId,
  characteristicKeys: ["smart_city_strategy" as const],
  objectives: ["Clean energy for every district"],
  isPublic: true,
});

const chargers = (ownerId: string) => ({
  isCustom: true,
  customNameEn: "Public EV charging points",
  customNameZh: "公共电动汽车充电桩",
  unit: "points",
  unitFamily: "count" as const,
  direction: "higher_is_better" as const,
  baselineValue: 100,
  baselineYear: 2020,
  targetValue: 1000,
  targetYear: 2030,
  ownerId,
});

async function kpiNotifications(kpiId: string, userId?: string) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.href, `/kpis/register/${kpiId}`));
  return userId ? rows.filter((n) => n.userId === userId) : rows;
}

async function statusAlerts(kpiId: string, userId: string) {
  return (await kpiNotifications(kpiId, userId)).filter((n) => n.kind === "kpi_status_changed");
}

async function measurementCount(kpiId: string) {
  return (await db.select().from(kpiMeasurements).where(eq(kpiMeasurements.kpiId, kpiId))).length;
}

describe("KPI register", () => {
  let cast: CityCast;
  beforeAll(async () => {
    cast = await makeCityCast(db);
  });

  it("lets leadership create a catalogue KPI that takes the catalogue's unit and direction", async () => {
    const kpi = await callerFor(db, cast.users.leadership.id).kpis.create({
      cityId: cast.city.id,
      kpi: renewables(cast.users.department.id),
    });
    expect(kpi).toMatchObject({
      indicatorKey: "energy.renewable_share",
      unit: "%",
      unitFamily: "percentage",
      direction: "higher_is_better",
      status: "no_data",
    });
    expect(kpi.catalogueVersion).toBe("2018.1");
    // One active entry per catalogue indicator.
    await expectTrpcError(
      callerFor(db, cast.users.leadership.id).kpis.create({ cityId: cast.city.id, kpi: renewables(cast.users.department.id) }),
      "CONFLICT",
    );
  });

  it("refuses a percentage baseline above 100, a target year before the baseline and an owner from outside the city", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    const base = { ...renewables(cast.users.department.id), indicatorKey: "energy.electricity_access" };
    await expectTrpcError(lead.kpis.create({ cityId: cast.city.id, kpi: { ...base, baselineValue: 120 } }), "BAD_REQUEST");
    await expectTrpcError(lead.kpis.create({ cityId: cast.city.id, kpi: { ...base, targetYear: 2019 } }), "BAD_REQUEST");
    await expectTrpcError(lead.kpis.create({ cityId: cast.city.id, kpi: { ...base, ownerId: cast.users.outsider.id } }), "BAD_REQUEST");
    await expectTrpcError(lead.kpis.create({ cityId: cast.city.id, kpi: { ...base, ownerId: cast.users.citizen.id } }), "BAD_REQUEST");
    const rows = await db
      .select()
      .from(kpis)
      .where(and(eq(kpis.cityId, cast.city.id), eq(kpis.indicatorKey, "energy.electricity_access")));
    expect(rows).toHaveLength(0);
  });

  it("refuses register writes to citizens, partners, experts and other cities; an expert may read", async () => {
    const input = { cityId: cast.city.id, kpi: { ...renewables(cast.users.department.id), indicatorKey: "water.water_loss" } };
    await expectTrpcError(callerFor(db, cast.users.citizen.id).kpis.create(input), "FORBIDDEN");
    await expectTrpcError(callerFor(db, cast.users.partner.id).kpis.create(input), "FORBIDDEN");
    await expectTrpcError(callerFor(db, cast.users.expert.id).kpis.create(input), "FORBIDDEN");
    await expectTrpcError(callerFor(db, cast.users.outsider.id).kpis.create(input), "NOT_FOUND");
    const list = await callerFor(db, cast.users.expert.id).kpis.list({ cityId: cast.city.id });
    expect(list.items.map((k) => k.indicatorKey)).toContain("energy.renewable_share");
    await expectTrpcError(callerFor(db, cast.users.partner.id).kpis.list({ cityId: cast.city.id }), "FORBIDDEN");
  });

  it("lets a department member change only KPIs they own or created; leadership any", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    const otherDept = await makeMember(db, cast.city.id, "department");
    const kpi = await lead.kpis.create({
      cityId: cast.city.id,
      kpi: { ...renewables(otherDept.id), indicatorKey: "transportation.bicycle_paths", baselineValue: 20, targetValue: 40 },
    });
    const update = {
      kpiId: kpi.id,
      version: kpi.version,
      kpi: { ...renewables(otherDept.id), indicatorKey: "transportation.bicycle_paths", baselineValue: 20, targetValue: 50 },
    };
    await expectTrpcError(callerFor(db, cast.users.department.id).kpis.update(update), "FORBIDDEN");
    const byOwner = await callerFor(db, otherDept.id).kpis.update(update);
    expect(byOwner).toMatchObject({ targetValue: 50, version: 2 });
    // A stale version is a conflict, and changes nothing.
    await expectTrpcError(lead.kpis.update({ ...update, kpi: { ...update.kpi, targetValue: 60 } }), "CONFLICT");
    const archived = await lead.kpis.archive({ kpiId: kpi.id, version: 2 });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const list = await lead.kpis.list({ cityId: cast.city.id });
    expect(list.items.map((k) => k.id)).not.toContain(kpi.id);
  });

  it("records measurements with unit checks and conversions, owner or leadership only", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    const kpi = await lead.kpis.create({ cityId: cast.city.id, kpi: chargers(cast.users.department.id) });
    const dept = callerFor(db, cast.users.department.id);
    await expectTrpcError(dept.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022", value: -5 }), "BAD_REQUEST");
    await expectTrpcError(dept.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022", value: 10.5 }), "BAD_REQUEST");
    await expectTrpcError(dept.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022", value: 10, unit: "kWh" }), "BAD_REQUEST");
    await expectTrpcError(dept.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022-02-30", value: 10 }), "BAD_REQUEST");
    await expectTrpcError(dept.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "1850", value: 10 }), "BAD_REQUEST");
    expect(await measurementCount(kpi.id)).toBe(0);
    const otherDept = await makeMember(db, cast.city.id, "department");
    await expectTrpcError(callerFor(db, otherDept.id).kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022", value: 300 }), "FORBIDDEN");
    const after = await dept.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022", value: 300 });
    expect(after).toMatchObject({ latestValue: 300, latestMeasuredOn: "2022-12-31" });
    // The same date again replaces the value.
    await lead.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2022-12-31", value: 290 });
    const detail = await lead.kpis.get({ kpiId: kpi.id });
    expect(detail.measurements.map((m) => [m.measuredOn, m.value])).toEqual([["2022-12-31", 290]]);
  });

  it("converts between units of one family (MWh for a kWh KPI, m for km)", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    const kpi = await lead.kpis.create({
      cityId: cast.city.id,
      kpi: {
        ...chargers(cast.users.department.id),
        customNameEn: "Street lighting energy",
        unit: "kWh",
        unitFamily: "energy",
        direction: "lower_is_better",
        baselineValue: 5000,
        targetValue: 3000,
      },
    });
    const updated = await lead.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2023", value: 4.5, unit: "MWh" });
    expect(updated.latestValue).toBe(4500);
    const detail = await lead.kpis.get({ kpiId: kpi.id });
    expect(detail.measurements[0]).toMatchObject({ value: 4500, enteredValue: 4.5, enteredUnit: "MWh" });
  });

  it("alerts the owner and the leadership group once when the status changes, not again when it stays", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    const secondLead = await makeMember(db, cast.city.id, "leadership");
    const kpi = await lead.kpis.create({
      cityId: cast.city.id,
      kpi: { ...renewables(cast.users.department.id), indicatorKey: "solid_waste.recycled_share" },
    });
    await lead.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2025-12-31", value: 20 });
    expect((await lead.kpis.get({ kpiId: kpi.id })).kpi.status).toBe("on_track");
    expect(await statusAlerts(kpi.id, cast.users.department.id)).toHaveLength(1);
    expect(await statusAlerts(kpi.id, secondLead.id)).toHaveLength(1);
    // The actor is not told about their own entry.
    expect(await statusAlerts(kpi.id, cast.users.leadership.id)).toHaveLength(0);
    const offTrack = await lead.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2026-06-30", value: 16 });
    expect(offTrack.status).toBe("off_track");
    const toOwner = await statusAlerts(kpi.id, cast.users.department.id);
    expect(toOwner.map((n) => n.params)).toEqual([
      { kpiName: "Share of the city's solid waste that is recycled", status: "on_track" },
      { kpiName: "Share of the city's solid waste that is recycled", status: "off_track" },
    ]);
    // Same status again (another off-track value) and a repeated evaluation: no new alert.
    await lead.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: "2026-07-31", value: 16.5 });
    await evaluateKpis(db, [kpi.id], { today: "2026-08-01" });
    await evaluateKpis(db, [kpi.id], { today: "2026-08-01" });
    expect(await statusAlerts(kpi.id, cast.users.department.id)).toHaveLength(2);
  });

  it("flags a measurement as overdue once, after its interval, and tells the owner and leadership", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    // Baseline 2020 and nothing measured since: overdue from the start.
    const kpi = await lead.kpis.create({
      cityId: cast.city.id,
      kpi: {
        ...renewables(cast.users.department.id),
        indicatorKey: "water.water_loss",
        baselineValue: 30,
        targetValue: 15,
        frequencyMonths: 6,
      },
    });
    expect(kpi.overdue).toBe(true);
    const leadership = [
      cast.users.leadership.id,
      ...(
        await db
          .select()
          .from(memberships)
          .where(and(eq(memberships.cityId, cast.city.id), eq(memberships.role, "leadership")))
      ).map((m) => m.userId),
    ];
    const recipients = [...new Set([cast.users.department.id, ...leadership])].sort();
    const overdueAlerts = async () => (await kpiNotifications(kpi.id)).filter((n) => n.kind === "kpi_measurement_overdue");
    expect((await overdueAlerts()).map((n) => n.userId).sort()).toEqual(recipients);
    // A measurement today clears it (no alert for that); six months and a day later it is overdue again, alerted once.
    const today = new Date().toISOString().slice(0, 10);
    const cleared = await lead.kpis.addMeasurement({ kpiId: kpi.id, measuredOn: today, value: 25 });
    expect(cleared.overdue).toBe(false);
    const later = (months: number, days: number) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + months);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    await evaluateKpis(db, [kpi.id], { today: later(5, 0) });
    expect(await overdueAlerts()).toHaveLength(recipients.length);
    await evaluateKpis(db, [kpi.id], { today: later(6, 5) });
    await evaluateKpis(db, [kpi.id], { today: later(6, 6) });
    expect(await overdueAlerts()).toHaveLength(recipients.length * 2);
    const [row] = await db.select().from(kpis).where(eq(kpis.id, kpi.id));
    expect(row.overdue).toBe(true);
  });

  it("adds a measurement when KPI evidence linked to the register is accepted", async () => {
    const lead = callerFor(db, cast.users.leadership.id);
    const kpi = await lead.kpis.create({
      cityId: cast.city.id,
      kpi: {
        ...renewables(cast.users.department.id),
        indicatorKey: "telecommunication.internet_connections",
        baselineValue: 20000,
        targetValue: 40000,
      },
    });
    const assessment = await makeAssessment(db, { cityId: cast.city.id, status: "draft", authorId: cast.users.department.id });
    const evidenceItem = await callerFor(db, cast.users.department.id).evidence.submit({
      assessmentId: assessment.id,
      characteristicKey: "ict_infrastructure",
      ...SAMPLE_CONTENT.kpi,
      payload: { ...SAMPLE_CONTENT.kpi.payload, unit: "per 100 000 population", value: 31000, measuredOn: "2025-06-30", kpiId: kpi.id },
    });
    expect(await measurementCount(kpi.id)).toBe(0);
    await callerFor(db, cast.users.expert.id).review.decide({ evidenceId: evidenceItem.id, revision: 1, decision: "accepted" });
    const detail = await lead.kpis.get({ kpiId: kpi.id });
    expect(detail.measurements).toMatchObject([
      { measuredOn: "2025-06-30", value: 31000, source: "evidence", evidenceId: evidenceItem.id },
    ]);
  });
});

// ---------------------------------------------------------------- CSV import

const FIXTURES = path.join(__dirname, "..", "fixtures", "kpi-csv");

describe("KPI CSV import", () => {
  let cast: CityCast;
  let countKpiId: string;
  let renewablesId: string;
  beforeAll(async () => {
    cast = await makeCityCast(db);
    const lead = callerFor(db, cast.users.leadership.id);
    renewablesId = (await lead.kpis.create({ cityId: cast.city.id, kpi: renewables(cast.users.department.id) })).id;
    countKpiId = (await lead.kpis.create({ cityId: cast.city.id, kpi: chargers(cast.users.department.id) })).id;
  });

  const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8").replaceAll("{{COUNT_KPI}}", countKpiId);
  const importAs = (userId: string, csv: string, mode: "all_or_nothing" | "valid_rows_only" = "all_or_nothing") =>
    callerFor(db, userId).kpis.importCsv({ cityId: cast.city.id, filename: "test.csv", csv, mode });

  const CORPUS: Array<[string, Array<{ line: number; code: string }>]> = [
    [
      "wrong-header.csv",
      [
        { line: 1, code: "unknown_column" },
        { line: 1, code: "unknown_column" },
        { line: 1, code: "missing_column" },
        { line: 1, code: "missing_column" },
      ],
    ],
    ["bad-number.csv", [{ line: 3, code: "bad_number" }]],
    ["percentage-over-100.csv", [{ line: 2, code: "percentage_range" }]],
    ["negative-count.csv", [{ line: 3, code: "negative_count" }]],
    ["fractional-count.csv", [{ line: 2, code: "not_integer" }]],
    ["unknown-kpi.csv", [{ line: 3, code: "unknown_kpi" }]],
    ["duplicate-rows.csv", [{ line: 4, code: "duplicate_row" }]],
    ["bad-year.csv", [{ line: 2, code: "bad_period" }]],
    ["year-out-of-range.csv", [{ line: 2, code: "bad_period" }]],
    ["impossible-date.csv", [{ line: 2, code: "bad_period" }]],
    ["empty.csv", [{ line: 1, code: "empty_file" }]],
    ["header-only.csv", [{ line: 1, code: "empty_file" }]],
    ["bom.csv", [{ line: 3, code: "bad_number" }]],
    ["chinese-decimal-comma.csv", [{ line: 2, code: "bad_number" }]],
    ["decimal-comma.csv", [{ line: 2, code: "bad_number" }]],
    ["unit-mismatch.csv", [{ line: 2, code: "unit_mismatch" }]],
    ["missing-field.csv", [{ line: 2, code: "wrong_field_count" }]],
    ["multiline-note-missing-value.csv", [{ line: 5, code: "missing_value" }]],
  ];

  for (const [name, expected] of CORPUS) {
    it(`reports ${name} by line and reason and writes nothing`, async () => {
      const result = await importAs(cast.users.leadership.id, fixture(name));
      expect(result.errors.map(({ line, code }) => ({ line, code }))).toEqual(expected);
      expect(result.written).toBe(0);
      expect(result.importId).toBeNull();
      expect(await measurementCount(renewablesId)).toBe(0);
      expect(await measurementCount(countKpiId)).toBe(0);
    });
  }

  it("names the duplicate's first line and the expected unit in the error", async () => {
    const duplicate = await importAs(cast.users.leadership.id, fixture("duplicate-rows.csv"));
    expect(duplicate.errors[0].params).toEqual({ first: 2 });
    const unit = await importAs(cast.users.leadership.id, fixture("unit-mismatch.csv"));
    expect(unit.errors[0].params).toEqual({ value: "kWh", expected: "%" });
  });

  it("writes the valid rows only when asked to, and reports the others", async () => {
    const result = await importAs(cast.users.leadership.id, fixture("unknown-kpi.csv"), "valid_rows_only");
    expect(result).toMatchObject({ written: 1, skipped: 1 });
    expect(result.errors).toEqual([{ line: 3, code: "unknown_kpi", params: { value: "water.no_such_indicator" } }]);
    expect(await measurementCount(renewablesId)).toBe(1);
    const [record] = await db
      .select()
      .from(kpiImports)
      .where(eq(kpiImports.id, result.importId ?? ""));
    expect(record).toMatchObject({ rowCount: 2, writtenCount: 1, skippedCount: 1 });
    await db.delete(kpiMeasurements).where(eq(kpiMeasurements.kpiId, renewablesId));
  });

  it("reads another department member's KPI as unknown; refuses citizens and other cities", async () => {
    const otherDept = await makeMember(db, cast.city.id, "department");
    const csv = `kpi,period,value\n${countKpiId},2023,300\n`;
    const result = await importAs(otherDept.id, csv);
    expect(result.errors).toEqual([{ line: 2, code: "unknown_kpi", params: { value: countKpiId } }]);
    await expectTrpcError(importAs(cast.users.citizen.id, csv), "FORBIDDEN");
    await expectTrpcError(importAs(cast.users.outsider.id, csv), "NOT_FOUND");
    expect(await measurementCount(countKpiId)).toBe(0);
  });

  it("imports a generated 10,000-row file in one go and updates the statuses", async () => {
    const lines = ["kpi,period,value,unit,note"];
    // 5,000 days for each of the two KPIs, from 2021-01-01 on.
    for (let i = 0; i < 5000; i++) {
      const day = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`energy.renewable_share,${day},${(12 + (i % 100) / 10).toFixed(1)},%,daily`);
      lines.push(`${countKpiId},${day},${200 + i},,`);
    }
    const csv = `${lines.join("\n")}\n`;
    // The check alone (what the import page runs in the browser, in chunks of 500).
    const targets = await csvTargets(db, { userId: cast.users.department.id, role: "department" }, cast.city.id);
    const checkStarted = performance.now();
    const checked = await validateKpiCsv(csv, targets, { maxRows: 50_000, chunkSize: 500 });
    console.log(`KPI CSV check: 10,000 rows parsed and validated in ${(performance.now() - checkStarted).toFixed(0)} ms`);
    expect(checked.errors).toEqual([]);
    const started = performance.now();
    const result = await importAs(cast.users.department.id, csv);
    const ms = performance.now() - started;
    console.log(
      `KPI CSV import: 10,000 rows (${(csv.length / 1024).toFixed(0)} KiB) in ${ms.toFixed(0)} ms on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`,
    );
    expect(result).toMatchObject({ recordCount: 10_000, written: 10_000, errors: [] });
    expect(await measurementCount(renewablesId)).toBe(5000);
    const [row] = await db.select().from(kpis).where(eq(kpis.id, countKpiId));
    expect(row.latestMeasuredOn).toBe("2034-09-09");
    expect(row.latestValue).toBe(5199);
  });
});
