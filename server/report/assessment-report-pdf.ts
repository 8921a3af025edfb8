import PDFDocument from "pdfkit";
import type { Locale } from "@/i18n/locales";
import enMessages from "@/messages/en/report.json";
import zhMessages from "@/messages/zh/report.json";
import type { Characteristic } from "@/server/scoring/framework-types";
import { levelValue } from "@/server/scoring/levels";
import { type LevelOrNotAssessed, MATURITY_LEVELS } from "@/shared/domain-values";
import type { AssessmentReportData } from "./assessment-report-data";
import { type FontWeight, fontBytes, fontRunsOf } from "./report-fonts";

type Messages = typeof enMessages.pdf;
const MESSAGES: Record<Locale, Messages> = { en: enMessages.pdf, zh: zhMessages.pdf };

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
// The platform's level colours (components/charts/level-palette.ts), as print-safe RGB.
const LEVEL_COLOURS = ["#d1d5db", "#fcd34d", "#93c5fd", "#60a5fa", "#1d4ed8"];
const INK = "#0f172a";
const MUTED = "#475569";

function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/**
 * The assessment report as a PDF document (pdfkit): text in Noto Sans SC for both languages, the
 * charts as vector paths. Levels, criteria met, balance, roadmap and progress all come from the
 * scoring core's result in `data`; nothing is derived here. The caller pipes the returned
 * document and calls nothing else on it.
 */
export function renderAssessmentReport(data: AssessmentReportData, locale: Locale, generatedAt = new Date()): PDFKit.PDFDocument {
  const m = MESSAGES[locale];
  const isDraft = data.assessment.status !== "published";
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `${m.title} — ${data.city.name} ${data.assessment.cycle}`,
      Author: "Smart City Assessment Platform",
      CreationDate: generatedAt,
    },
    lang: locale === "zh" ? "zh-CN" : "en",
    compress: true,
  });
  const registered = new Set<string>();
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const levelName = (level: LevelOrNotAssessed) => m.levels[level];
  const characteristicByKey = new Map(data.framework.characteristics.map((c) => [c.key as string, c]));
  const charName = (c: Pick<Characteristic, "name">) => c.name[locale];
  /** The characteristic's name in the report's language (its key if the edition lacks it). */
  const nameOf = (key: string) => {
    const characteristic = characteristicByKey.get(key);
    return characteristic ? charName(characteristic) : key;
  };
  const criterionByKey = new Map(data.framework.characteristics.flatMap((c) => c.criteria.map((k) => [k.key, k] as const)));

  type TextOptions = PDFKit.Mixins.TextOptions & { size?: number; weight?: FontWeight; color?: string };
  function write(text: string, options: TextOptions = {}, x?: number, y?: number) {
    const { size = 10, weight = 400, color = INK, ...rest } = options;
    const runs = fontRunsOf(text, weight);
    doc.fontSize(size).fillColor(color);
    runs.forEach((run, i) => {
      selectFont(run.font);
      const opts = { width: CONTENT_WIDTH, ...rest, continued: i < runs.length - 1 || rest.continued === true };
      if (i === 0 && x !== undefined) doc.text(run.text, x, y, opts);
      else doc.text(run.text, opts);
    });
  }
  function selectFont(font: string) {
    if (!registered.has(font)) {
      doc.registerFont(font, fontBytes(font));
      registered.add(font);
    }
    doc.font(font);
  }
  /**
   * One line, placed by measuring its runs: pdfkit's own centring and right alignment of continued
   * text lose their place when the font changes mid-line (Chinese beside Latin digits).
   */
  function writeLine(
    text: string,
    options: { size: number; weight?: FontWeight; color?: string },
    x: number,
    y: number,
    width: number,
    align: "left" | "center" | "right",
  ) {
    const runs = fontRunsOf(text, options.weight ?? 400);
    doc.fontSize(options.size).fillColor(options.color ?? INK);
    const widths = runs.map((run) => {
      selectFont(run.font);
      return doc.widthOfString(run.text);
    });
    const total = widths.reduce((sum, w) => sum + w, 0);
    let cursor = align === "center" ? x + (width - total) / 2 : align === "right" ? x + width - total : x;
    runs.forEach((run, i) => {
      selectFont(run.font);
      doc.text(run.text, cursor, y, { lineBreak: false });
      cursor += widths[i];
    });
    doc.x = MARGIN;
  }
  function heading(text: string) {
    ensureSpace(60);
    doc.moveDown(0.8);
    write(text, { size: 15, weight: 700, color: "#1e3a8a" });
    doc.moveDown(0.3);
  }
  function subheading(text: string) {
    ensureSpace(40);
    doc.moveDown(0.4);
    write(text, { size: 11.5, weight: 700 });
  }
  function ensureSpace(points: number) {
    if (doc.y + points > PAGE_HEIGHT - MARGIN - 20) doc.addPage();
  }
  const left = () => MARGIN;

  // ---------------------------------------------------------------- cover
  doc.rect(0, 0, PAGE_WIDTH, 8).fill("#1d4ed8");
  write(m.title, { size: 24, weight: 700, color: "#1e3a8a" }, left(), 110);
  doc.moveDown(0.3);
  write(`${data.city.name} · ${data.assessment.cycle}`, { size: 18, weight: 700 });
  doc.moveDown(1.5);
  const statusName = m.statuses[data.assessment.status];
  const coverRows: [string, string][] = [
    [m.city, data.city.name],
    [m.cycle, data.assessment.cycle],
    [m.framework, `${data.framework.title[locale]} (${data.framework.key} ${data.framework.version})`],
    [m.status, statusName],
    [m.opened, date(data.assessment.createdAt)],
  ];
  if (data.assessment.publishedAt) coverRows.push([m.published, date(data.assessment.publishedAt)]);
  if (data.assessment.lastRepublishedAt) coverRows.push([m.republished, date(data.assessment.lastRepublishedAt)]);
  coverRows.push([m.generated, `${generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`]);
  for (const [label, value] of coverRows) {
    const y = doc.y;
    write(label, { size: 11, color: MUTED, width: 140 }, left(), y);
    write(value, { size: 11, width: CONTENT_WIDTH - 150 }, left() + 150, y);
    doc.x = left();
    doc.moveDown(0.4);
  }
  doc.moveDown(1.2);
  write(m.atAGlance, { size: 12, weight: 700 }, left());
  doc.moveDown(0.3);
  for (const c of data.score.characteristics) {
    const y = doc.y;
    const value = levelValue(c.finalLevel);
    doc.rect(left(), y + 2, 8, 8).fill(value === null ? "#ffffff" : LEVEL_COLOURS[value]);
    if (value === null)
      doc
        .rect(left(), y + 2, 8, 8)
        .lineWidth(0.5)
        .stroke("#94a3b8");
    write(nameOf(c.key), { size: 10, width: 220 }, left() + 14, y);
    write(levelName(c.finalLevel), { size: 10, weight: 700, width: CONTENT_WIDTH - 250 }, left() + 250, y);
    doc.x = left();
    doc.moveDown(0.2);
  }
  if (isDraft) {
    doc.moveDown(1);
    write(m.draftNotice, { size: 11, weight: 700, color: "#b91c1c" }, left());
  }
  if (data.assessment.isIllustrative) {
    doc.moveDown(1);
    write(m.illustrative, { size: 9.5, color: MUTED }, left());
  }

  // ---------------------------------------------------------------- maturity profile
  doc.addPage();
  heading(m.profile);
  const chars = data.score.characteristics;
  const ladder = (level: LevelOrNotAssessed) => levelValue(level) ?? -1;
  write(m.radar, { size: 9.5, color: MUTED });
  drawRadar(doc.y + 10);
  doc.y += 300;
  write(m.staircase, { size: 9.5, color: MUTED }, left());
  drawStaircase(doc.y + 8);

  function drawRadar(top: number) {
    const cx = PAGE_WIDTH / 2;
    const cy = top + 140;
    const radius = 110;
    const n = chars.length;
    const point = (i: number, r: number): [number, number] => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    };
    doc.save().lineWidth(0.5).strokeColor("#cbd5e1");
    for (let ring = 1; ring <= 4; ring++) {
      const [x0, y0] = point(0, (radius * ring) / 4);
      doc.moveTo(x0, y0);
      for (let i = 1; i < n; i++) doc.lineTo(...point(i, (radius * ring) / 4));
      doc.closePath().stroke();
    }
    for (let i = 0; i < n; i++)
      doc
        .moveTo(cx, cy)
        .lineTo(...point(i, radius))
        .stroke();
    doc.restore();
    const values = chars.map((c) => Math.max(0, ladder(c.finalLevel)));
    doc.save();
    const [fx, fy] = point(0, (radius * values[0]) / 4);
    doc.moveTo(fx, fy);
    for (let i = 1; i < n; i++) doc.lineTo(...point(i, (radius * values[i]) / 4));
    doc.closePath().fillOpacity(0.25).fillAndStroke("#2563eb", "#1d4ed8");
    doc.restore();
    chars.forEach((c, i) => {
      if (c.finalLevel === "not_assessed") return;
      const [px, py] = point(i, (radius * values[i]) / 4);
      doc.circle(px, py, 2.5).fill("#1d4ed8");
    });
    chars.forEach((c, i) => {
      const [lx, ly] = point(i, radius + 16);
      const width = 110;
      const label = `${nameOf(c.key)} (${ladder(c.finalLevel) < 0 ? "–" : ladder(c.finalLevel)})`;
      const align = lx < cx - 10 ? "right" : lx > cx + 10 ? "left" : "center";
      const x = align === "right" ? lx - width : align === "left" ? lx : lx - width / 2;
      writeLine(label, { size: 7.5, color: MUTED }, x, ly - 5, width, align);
    });
    doc.x = left();
  }

  function drawStaircase(top: number) {
    const rowHeight = 20;
    const labelWidth = 150;
    const stepWidth = (CONTENT_WIDTH - labelWidth) / MATURITY_LEVELS.length;
    MATURITY_LEVELS.forEach((level, i) => {
      writeLine(levelName(level), { size: 6.5, color: MUTED }, left() + labelWidth + i * stepWidth, top, stepWidth, "center");
    });
    chars.forEach((c, row) => {
      const y = top + 22 + row * rowHeight;
      write(nameOf(c.key), { size: 8, width: labelWidth - 6, lineBreak: false, ellipsis: true }, left(), y + 4);
      const value = ladder(c.finalLevel);
      for (let step = 0; step < MATURITY_LEVELS.length; step++) {
        const x = left() + labelWidth + step * stepWidth;
        // A staircase: each reached rung is a step one notch higher than the one before.
        const h = 6 + step * 2.5;
        if (step <= value) doc.rect(x + 1, y + rowHeight - 3 - h, stepWidth - 2, h).fill(LEVEL_COLOURS[value]);
        else
          doc
            .rect(x + 1, y + rowHeight - 3 - h, stepWidth - 2, h)
            .lineWidth(0.4)
            .stroke("#cbd5e1");
      }
    });
    doc.x = left();
    doc.y = top + 22 + chars.length * rowHeight + 10;
  }

  // ---------------------------------------------------------------- characteristics
  doc.addPage();
  heading(m.characteristics);
  const evidenceByCharacteristic = new Map<string, AssessmentReportData["evidence"]>();
  for (const e of data.evidence) {
    const list = evidenceByCharacteristic.get(e.characteristicKey) ?? [];
    list.push(e);
    evidenceByCharacteristic.set(e.characteristicKey, list);
  }
  for (const c of chars) {
    const characteristic = characteristicByKey.get(c.key)!;
    subheading(`${characteristic.order}. ${charName(characteristic)}`);
    write(`${m.level}: ${levelName(c.finalLevel)}`, { size: 10, weight: 700, color: "#1d4ed8" });
    const how =
      c.finalSource === "rated"
        ? format(m.rated, { derived: levelName(c.derivedLevel) })
        : c.finalSource === "derived"
          ? m.derived
          : m.unrated;
    write(how, { size: 9, color: MUTED });
    if (c.finalSource === "rated" && c.justification) write(`${m.justification}: ${c.justification}`, { size: 9 });
    if (characteristic.criteria.length > 0) {
      const met = new Set(c.criteriaMet);
      const ahead = new Set(c.aheadOfStaircase);
      doc.moveDown(0.3);
      write(`${m.criteriaMet} (${c.criteriaMet.length}/${c.criteriaCount})`, { size: 9.5, weight: 700 });
      const metList = characteristic.criteria.filter((k) => met.has(k.key));
      if (metList.length === 0) write(`  ${m.none}`, { size: 9, color: MUTED });
      for (const k of metList) {
        ensureSpace(14);
        write(`✓ [${levelName(k.level)}] ${k.text[locale]}${ahead.has(k.key) ? ` ${m.aheadOfStaircase}` : ""}`, { size: 9, indent: 8 });
      }
      write(m.criteriaNotMet, { size: 9.5, weight: 700 });
      const notMet = characteristic.criteria.filter((k) => !met.has(k.key));
      if (notMet.length === 0) write(`  ${m.none}`, { size: 9, color: MUTED });
      for (const k of notMet) {
        ensureSpace(14);
        write(`✗ [${levelName(k.level)}] ${k.text[locale]}`, { size: 9, indent: 8, color: "#334155" });
      }
    }
    const items = evidenceByCharacteristic.get(c.key) ?? [];
    write(`${m.evidence} (${items.length})`, { size: 9.5, weight: 700 });
    for (const e of items) {
      ensureSpace(14);
      const supports = e.criterionKeys.map((key) => criterionByKey.get(key)?.key.split(".").slice(-2).join(".") ?? key);
      write(`• ${e.title} (${e.kind})${supports.length ? ` — ${m.supports} ${supports.join(", ")}` : ""}`, { size: 9, indent: 8 });
    }
  }

  // ---------------------------------------------------------------- balance and roadmap
  heading(m.balance);
  const { balance } = data.score;
  if (balance.median !== null) write(format(m.balanceSummary, { median: balance.median, spread: balance.spread ?? 0 }), { size: 10 });
  if (balance.flags.length === 0) write(m.balanceOk, { size: 10 });
  for (const flag of balance.flags) {
    write(
      `⚠ ${format(m.balanceFlag, {
        characteristic: nameOf(flag.characteristicKey),
        distance: flag.distance,
        direction: flag.direction === "above" ? m.above : m.below,
        level: levelName(flag.level),
      })}`,
      { size: 10, color: "#b45309" },
    );
  }

  heading(m.roadmap);
  for (const step of data.score.roadmap) {
    ensureSpace(30);
    const name = nameOf(step.characteristicKey);
    const status = format(m.roadmapStatuses[step.status], { level: step.nextLevel ? levelName(step.nextLevel) : "" });
    write(`${name} — ${levelName(step.currentLevel)} → ${status}${step.lagging ? ` (${m.lagging})` : ""}`, { size: 10, weight: 700 });
    for (const key of step.unmetCriteria) {
      const criterion = criterionByKey.get(key);
      if (criterion) write(`• ${criterion.text[locale]}`, { size: 9, indent: 8 });
    }
    doc.moveDown(0.2);
  }

  // ---------------------------------------------------------------- progress
  heading(m.progress);
  if (data.earlierCycles.length === 0) write(m.noEarlier, { size: 10 });
  else {
    const cycles = [
      ...data.earlierCycles.map((e) => ({ cycle: e.cycle, score: e.score })),
      { cycle: data.assessment.cycle, score: data.score },
    ].slice(-5);
    const labelWidth = 170;
    const colWidth = (CONTENT_WIDTH - labelWidth) / cycles.length;
    let y = doc.y;
    cycles.forEach((c, i) => {
      writeLine(c.cycle, { size: 9, weight: 700 }, left() + labelWidth + i * colWidth, y, colWidth, "center");
    });
    y += 16;
    for (const c of chars) {
      ensureSpace(16);
      if (doc.y < y - 40) y = doc.y;
      write(nameOf(c.key), { size: 8.5, width: labelWidth - 6, lineBreak: false, ellipsis: true }, left(), y);
      cycles.forEach((cycle, i) => {
        const level = cycle.score.characteristics.find((x) => x.key === c.key)?.finalLevel ?? "not_assessed";
        writeLine(levelName(level), { size: 8.5 }, left() + labelWidth + i * colWidth, y, colWidth, "center");
      });
      y += 15;
    }
    doc.x = left();
    doc.y = y + 6;
    if (data.progress) {
      subheading(format(m.changeSince, { cycle: data.progress.fromCycle }));
      for (const p of data.progress.report.characteristics) {
        const change = p.change === null ? "–" : p.change > 0 ? `+${p.change}` : String(p.change);
        write(
          `${nameOf(p.key)}: ${levelName(p.before)} → ${levelName(p.after)} (${change}); ${format(m.newlyMet, { count: p.newlyMet.length })}`,
          { size: 9 },
        );
      }
    }
  }

  // ---------------------------------------------------------------- consultation
  heading(m.consultation);
  if (data.consultations.length === 0) write(m.noConsultation, { size: 10 });
  for (const c of data.consultations) {
    subheading(c.question);
    const responses = c.perCharacteristic.reduce((sum, x) => sum + x.count, 0);
    const rated = c.perCharacteristic.reduce((sum, x) => sum + x.ratedCount, 0);
    write(format(m.consultationTotals, { responses, rated, closes: date(c.closesAt) }), { size: 9.5 });
    for (const x of c.perCharacteristic) {
      const name = nameOf(x.characteristicKey);
      const rating = x.averageRating === null ? "–" : x.averageRating.toFixed(1);
      write(`• ${name}: ${format(m.averageRating, { rating, count: x.count })}`, { size: 9, indent: 8 });
    }
  }

  // ---------------------------------------------------------------- approvals and audit
  heading(m.approvals);
  write(format(m.approvalsCount, { count: data.approvals.dates.length, required: data.approvals.required }), { size: 10 });
  data.approvals.dates.forEach((d, i) => {
    write(format(m.approvedOn, { n: i + 1, date: date(d) }), { size: 9.5, indent: 8 });
  });

  heading(m.audit);
  const { verification, head } = data.audit;
  write(
    verification.ok
      ? format(m.auditOk, { count: verification.checked })
      : format(m.auditBroken, { id: verification.brokenAtId, count: verification.checked }),
    { size: 10, weight: 700, color: verification.ok ? "#15803d" : "#b91c1c" },
  );
  write(`${m.chainHead}:`, { size: 10 });
  write(head?.hash ?? "—", { size: 9.5, weight: 700 });

  // ---------------------------------------------------------------- every page: footer and draft mark
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Drawing inside the bottom margin would otherwise add a page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = `${data.city.name} · ${data.assessment.cycle} · ${format(m.page, { page: i + 1, pages: range.count })}`;
    writeLine(footer, { size: 8, color: MUTED }, MARGIN, PAGE_HEIGHT - 35, CONTENT_WIDTH, "center");
    if (isDraft) {
      writeLine(m.draft, { size: 10, weight: 700, color: "#b91c1c" }, MARGIN, 22, CONTENT_WIDTH, "right");
      doc.save();
      doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
      doc.fillOpacity(0.08);
      writeLine(m.draft, { size: 110, weight: 700, color: "#b91c1c" }, 0, PAGE_HEIGHT / 2 - 70, PAGE_WIDTH, "center");
      doc.restore();
    }
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc;
}
