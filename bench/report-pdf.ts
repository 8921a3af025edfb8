/**
 * Assessment report PDF: generation time and file size, English and Chinese, on the demo data in
 * an embedded database (PGlite). Run: npx tsx bench/report-pdf.ts [--runs 10] [--out dir]
 * Times the data loading (queries + scoring core) and the rendering (pdfkit, font subsetting)
 * without the report cache; `--out` also writes the PDFs (docs screenshot: pdftoppm on page 1).
 */

import { writeFileSync } from "node:fs";
import path from "node:path";
import { count, desc, eq, ne } from "drizzle-orm";
import { migrateDatabase, openPglite } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import type { Locale } from "@/i18n/locales";
import { loadAssessmentReportData } from "@/server/report/assessment-report-data";
import { renderAssessmentReport } from "@/server/report/assessment-report-pdf";
import { seedDemoDataIfEmpty } from "@/server/seed/demo";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 10;
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : null;

function render(data: Awaited<ReturnType<typeof loadAssessmentReportData>>, locale: Locale): Promise<Buffer> {
  const doc = renderAssessmentReport(data, locale);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

const handle = await openPglite();
await migrateDatabase(handle);
await seedDemoDataIfEmpty(handle.db);
const db = handle.db;
// The published assessment with the most accepted evidence, and an assessment in progress.
const [richest] = await db
  .select({ id: assessments.id, n: count(evidence.id) })
  .from(assessments)
  .leftJoin(evidence, eq(evidence.assessmentId, assessments.id))
  .where(eq(assessments.status, "published"))
  .groupBy(assessments.id)
  .orderBy(desc(count(evidence.id)), desc(assessments.createdAt))
  .limit(1);
const [draft] = await db.select().from(assessments).where(ne(assessments.status, "published")).limit(1);
const [published] = await db.select().from(assessments).where(eq(assessments.id, richest.id));

for (const [label, assessment] of [
  ["published", published],
  ["in progress", draft],
] as const) {
  if (!assessment) continue;
  for (const locale of ["en", "zh"] as const) {
    const loadMs: number[] = [];
    const renderMs: number[] = [];
    let bytes: Buffer = Buffer.alloc(0);
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      const data = await loadAssessmentReportData(db, assessment, locale);
      const t1 = performance.now();
      bytes = await render(data, locale);
      const t2 = performance.now();
      if (i === 0) {
        console.log(`cold (first in process) ${label} ${locale}: load ${(t1 - t0).toFixed(0)} ms, render ${(t2 - t1).toFixed(0)} ms`);
        continue;
      }
      loadMs.push(t1 - t0);
      renderMs.push(t2 - t1);
    }
    const total = loadMs.map((l, i) => l + renderMs[i]);
    console.log(
      `RESULT report ${label} ${locale}: ${(bytes.length / 1024).toFixed(1)} kB; load p50 ${percentile(loadMs, 0.5).toFixed(0)} ms; render p50 ${percentile(renderMs, 0.5).toFixed(0)} ms; total p50 ${percentile(total, 0.5).toFixed(0)} ms, max ${Math.max(...total).toFixed(0)} ms (${runs} runs)`,
    );
    if (out) writeFileSync(path.join(out, `report-${label.replace(" ", "-")}-${locale}.pdf`), bytes);
  }
}
await handle.close();
