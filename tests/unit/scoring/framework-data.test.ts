import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CURRENT_FRAMEWORK_KEY,
  CURRENT_FRAMEWORK_VERSION,
  currentFramework,
  getFramework,
  loadFramework,
  validateFramework,
} from "@/server/scoring/framework-registry";
import type { GuidingQuestion } from "@/server/scoring/framework-types";
import { EU_CHINA_2014 } from "@/server/scoring/frameworks/eu-china-2014";
import { CRITERIA_LEVELS, type CriteriaLevel } from "@/server/scoring/levels";
import { CHARACTERISTIC_KEYS, type CharacteristicKey, FIGURE3_COLUMNS, MATURITY_LEVELS } from "@/shared/domain-values";
import { editableCopy, framework } from "./scoring-fixtures";

/** The white paper as given to the project (a copy of shared/seed, so the test runs anywhere). */
const paper = readFileSync(join(import.meta.dirname, "fixtures", "eu-china-smart-cities-white-paper-2014.md"), "utf8");
const lines = paper.split("\n");
// The last match: the first one is the table of contents.
const annex1Start = lines.findLastIndex((line) => line.startsWith("Annex 1: Smart Cit"));
const annex2Start = lines.findIndex((line, i) => i > annex1Start && line.startsWith("Characteristic\tLevel of Maturity"));
const annex1Text = lines.slice(annex1Start, annex2Start).join("\n");
const annex2Lines = lines.slice(annex2Start);

/** Compares wording, not layout: entities decoded, tags, punctuation, spacing and case dropped. */
function normalize(text: string): string {
  return text
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&")
    .replace(/<\/?(ul|li|u)>/g, " ")
    .toLowerCase()
    .replace(/[^a-z0-9<>%]/g, "");
}

/** True when `text` is the source's wording, possibly a stem bullet followed by one of its sub-bullets. */
function isVerbatim(text: string, source: string): boolean {
  const wanted = normalize(text);
  const haystack = normalize(source);
  if (haystack.includes(wanted)) return true;
  for (let cut = 8; cut <= wanted.length - 8; cut++) {
    if (haystack.includes(wanted.slice(0, cut)) && haystack.includes(wanted.slice(cut))) return true;
  }
  return false;
}

const ROW_NAMES: Record<string, CharacteristicKey> = {
  smartcitystrategy: "smart_city_strategy",
  stakeholders: "stakeholders",
  governance: "governance",
  funding: "funding",
  valueassessment: "value_assessment",
  businessmodels: "business_models",
  ictinfrastructure: "ict_infrastructure",
  smartcityservices: "smart_city_services",
};

/** Annex 2 cells by characteristic and level; a line starting with a tab continues the row above it. */
function annex2Cells(): Map<string, string> {
  const cells = new Map<string, string>();
  let current: CharacteristicKey | undefined;
  for (const line of annex2Lines) {
    if (line.startsWith("#") || !line.includes("\t")) continue;
    const columns = line.split("\t");
    const rowKey = ROW_NAMES[normalize(columns[0])];
    if (rowKey) current = rowKey;
    else if (columns[0].trim() !== "" || current === undefined) continue;
    CRITERIA_LEVELS.forEach((level, i) => {
      const cell = columns[i + 1] ?? "";
      const id = `${current}/${level}`;
      cells.set(id, `${cells.get(id) ?? ""}\t${cell}`);
    });
  }
  return cells;
}

/** The bullets of a cell: leaf <li> items, stems of nested lists, and plain-text cells. */
function bulletsOf(cell: string): string[] {
  const bullets: string[] = [];
  for (const part of cell.split("\t")) {
    if (part.includes("<li>")) {
      for (const match of part.matchAll(/<li>((?:(?!<li>|<\/li>|<ul>).)*)<\/li>/g)) bullets.push(match[1]);
      for (const match of part.matchAll(/<li>([^<]+)<ul>/g)) bullets.push(match[1]);
    } else {
      const text = part.replace(/•/g, "").trim();
      if (text) bullets.push(text);
    }
  }
  return bullets.map((b) => b.trim()).filter((b) => normalize(b) !== "");
}

function allQuestions(questions: GuidingQuestion[]): GuidingQuestion[] {
  return questions.flatMap((q) => [q, ...allQuestions(q.subQuestions)]);
}

/** Criteria per level counted by hand from Annex 2 (nested bullets counted as criteria). */
const COUNTED_BY_HAND: Record<CharacteristicKey, Record<CriteriaLevel, number>> = {
  smart_city_strategy: { basic: 2, average: 3, more_advanced: 2, state_of_the_art: 2 },
  stakeholders: { basic: 1, average: 1, more_advanced: 2, state_of_the_art: 3 },
  governance: { basic: 1, average: 1, more_advanced: 1, state_of_the_art: 2 },
  funding: { basic: 2, average: 1, more_advanced: 2, state_of_the_art: 1 },
  value_assessment: { basic: 1, average: 1, more_advanced: 1, state_of_the_art: 1 },
  business_models: { basic: 1, average: 1, more_advanced: 1, state_of_the_art: 1 },
  ict_infrastructure: { basic: 2, average: 2, more_advanced: 3, state_of_the_art: 4 },
  smart_city_services: { basic: 1, average: 1, more_advanced: 2, state_of_the_art: 2 },
  legal_regulatory_policies: { basic: 0, average: 0, more_advanced: 0, state_of_the_art: 0 },
};

describe("the packaged EU-China 2014 framework", () => {
  it("passes its own validation", () => {
    expect(validateFramework(EU_CHINA_2014)).toEqual({ ok: true });
  });

  it("is registered as the current edition and found by key and version", () => {
    expect(CURRENT_FRAMEWORK_KEY).toBe("eu-china-smart-city");
    expect(CURRENT_FRAMEWORK_VERSION).toBe("2014.1");
    expect(currentFramework()).toBe(getFramework("eu-china-smart-city", "2014.1"));
    expect(getFramework("eu-china-smart-city", "2099.1")).toBeUndefined();
    expect(Object.isFrozen(currentFramework().characteristics[0].criteria[0])).toBe(true);
  });

  it("has the nine characteristics of Annex 1 in the paper's order", () => {
    expect(framework.characteristics.map((c) => c.key)).toEqual([...CHARACTERISTIC_KEYS]);
    expect(framework.characteristics.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("uses the ladder of Figure 3: five levels plus not assessed", () => {
    expect(MATURITY_LEVELS).toEqual(["not_yet_addressed", "basic", "average", "more_advanced", "state_of_the_art"]);
    expect(FIGURE3_COLUMNS).toEqual([...MATURITY_LEVELS, "not_assessed"]);
  });

  it("has the per-level criteria counts counted by hand from Annex 2 (52 in all)", () => {
    for (const characteristic of framework.characteristics) {
      const counts = Object.fromEntries(
        CRITERIA_LEVELS.map((level) => [level, characteristic.criteria.filter((c) => c.level === level).length]),
      );
      expect(counts, characteristic.key).toEqual(COUNTED_BY_HAND[characteristic.key]);
    }
    expect(framework.characteristics.flatMap((c) => c.criteria)).toHaveLength(52);
  });

  it("words every criterion as Annex 2 does, in its own characteristic and level", () => {
    const cells = annex2Cells();
    expect(cells.size).toBe(8 * 4);
    for (const criterion of framework.characteristics.flatMap((c) => c.criteria)) {
      const cell = cells.get(`${criterion.characteristicKey}/${criterion.level}`) ?? "";
      expect(isVerbatim(criterion.text.en, cell), `${criterion.key}: "${criterion.text.en}"`).toBe(true);
    }
  });

  it("drops no Annex 2 bullet: each one is carried by a criterion of the same characteristic and level", () => {
    const cells = annex2Cells();
    let bullets = 0;
    for (const [id, cell] of cells) {
      const [characteristicKey, level] = id.split("/");
      const texts = framework.characteristics
        .flatMap((c) => c.criteria)
        .filter((c) => c.characteristicKey === characteristicKey && c.level === level)
        .map((c) => normalize(c.text.en));
      for (const bullet of bulletsOf(cell)) {
        bullets++;
        const wanted = normalize(bullet).replace(/and$/, "");
        expect(
          texts.some((text) => text.includes(wanted)),
          `${id}: "${bullet}"`,
        ).toBe(true);
      }
    }
    expect(bullets).toBeGreaterThanOrEqual(52);
  });

  it("keeps Smart City Services criteria identical to the table of section 6.8", () => {
    const start = lines.findIndex((line) => line.startsWith("### 6.8."));
    const end = lines.findIndex((line, i) => i > start && line.startsWith("####"));
    const table = lines.slice(start, end).join("\n");
    for (const criterion of framework.characteristics.find((c) => c.key === "smart_city_services")!.criteria) {
      expect(isVerbatim(criterion.text.en, table), criterion.key).toBe(true);
    }
  });

  it("records the section 6 variants of Annex 2 criteria as notes", () => {
    const criterion = (key: string) => framework.characteristics.flatMap((c) => c.criteria).find((c) => c.key === key)!;
    expect(criterion("smart_city_strategy.more_advanced.2").text.en).toBe("Smart city strategy or plan for the city");
    expect(criterion("smart_city_strategy.more_advanced.2").note?.en).toContain("ICT vision for the city");
    expect(criterion("governance.state_of_the_art.1").note?.en).toContain(
      "City-wide governance structures with shared performance targets across departments",
    );
    expect(criterion("stakeholders.state_of_the_art.1").note?.en).toContain("Section 6.2");
  });

  it("gives stable criterion keys of the form characteristic.level.position", () => {
    for (const characteristic of framework.characteristics) {
      for (const level of CRITERIA_LEVELS) {
        const keys = characteristic.criteria.filter((c) => c.level === level).map((c) => c.key);
        expect(keys).toEqual(keys.map((_, i) => `${characteristic.key}.${level}.${i + 1}`));
      }
    }
  });

  it("marks Legal & Regulatory Policies unrateable, with questions but no criteria", () => {
    const legal = framework.characteristics.find((c) => c.key === "legal_regulatory_policies")!;
    expect(legal.rateable).toBe(false);
    expect(legal.criteria).toEqual([]);
    expect(legal.questions.length).toBeGreaterThan(0);
    expect(framework.characteristics.filter((c) => !c.rateable).map((c) => c.key)).toEqual(["legal_regulatory_policies"]);
  });

  it("words every guiding question as Annex 1 does and keeps sub-questions nested", () => {
    const questions = framework.characteristics.flatMap((c) => allQuestions(c.questions));
    for (const question of questions) {
      expect(isVerbatim(question.text.en, annex1Text), `${question.key}: "${question.text.en}"`).toBe(true);
    }
    const strategy = framework.characteristics[0].questions[0];
    expect(strategy.subQuestions[0].subQuestions.map((q) => q.text.en)).toEqual([
      "Environment",
      "Energy",
      "Transport",
      "Waste management",
      "Urban-rural cohesion",
      "Quality of life",
    ]);
    expect(new Set(questions.map((q) => q.key)).size).toBe(questions.length);
  });

  it("drops no Annex 1 question: each bullet is carried by a guiding question", () => {
    const texts = framework.characteristics.flatMap((c) => allQuestions(c.questions)).map((q) => normalize(q.text.en));
    const bullets = [
      ...[...annex1Text.matchAll(/<li>((?:(?!<li>|<\/li>|<ul>).)*)<\/li>/g)].map((m) => m[1]),
      ...[...annex1Text.matchAll(/<li>([^<]+)<ul>/g)].map((m) => m[1]),
    ].filter((bullet) => !["", "etc"].includes(normalize(bullet)));
    expect(bullets.length).toBeGreaterThan(60);
    for (const bullet of bullets) {
      expect(
        texts.some((text) => text.includes(normalize(bullet))),
        `"${bullet}"`,
      ).toBe(true);
    }
  });

  it("lists the 15 service categories of characteristic 8, education to other", () => {
    const categories = framework.serviceCategories;
    expect(categories).toHaveLength(15);
    expect(categories[0].key).toBe("education");
    expect(categories.at(-2)?.key).toBe("water");
    expect(categories.at(-1)?.key).toBe("other");
    for (const category of categories) {
      expect(isVerbatim(category.label.en, annex1Text), category.key).toBe(true);
    }
  });

  it("has every text in English and Simplified Chinese", () => {
    const localized = [
      framework.title,
      ...framework.characteristics.flatMap((c) => [
        c.name,
        c.description,
        ...allQuestions(c.questions).map((q) => q.text),
        ...c.criteria.flatMap((criterion) => [criterion.text, ...(criterion.note ? [criterion.note] : [])]),
      ]),
      ...framework.serviceCategories.map((s) => s.label),
    ];
    for (const text of localized) {
      expect(text.en.trim(), JSON.stringify(text)).not.toBe("");
      expect(text.zh, JSON.stringify(text)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("cites its source: the framework and every criterion", () => {
    expect(framework.source).toContain("White Paper");
    for (const criterion of framework.characteristics.flatMap((c) => c.criteria)) {
      expect(criterion.source).toMatch(/Annex 2/);
    }
  });
});

describe("validateFramework", () => {
  it("reports every problem at once", () => {
    const broken = editableCopy();
    broken.version = "";
    broken.characteristics[1].key = "smart_city_strategy"; // duplicate characteristic
    broken.characteristics[2].criteria[0].key = broken.characteristics[2].criteria[1].key; // duplicate criterion
    broken.characteristics[3].criteria = broken.characteristics[3].criteria.filter((c) => c.level !== "average");
    broken.characteristics[4].criteria[0].characteristicKey = "funding"; // dangling reference
    broken.characteristics[5].questions[0].text.zh = "";
    const result = validateFramework(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        "version: empty",
        expect.stringContaining('duplicate characteristic "smart_city_strategy"'),
        expect.stringContaining('duplicate criterion key "governance.average.1"'),
        'characteristics[3]: level "average" has no criteria',
        expect.stringContaining("does not reference its characteristic"),
        "characteristics[5].questions[0].text.zh: empty",
        'characteristics: "stakeholders" is missing',
      ]),
    );
    expect(result.problems.length).toBeGreaterThanOrEqual(7);
  });

  it("rejects criteria on an unrateable characteristic, which would be silently scored", () => {
    const broken = editableCopy();
    const legal = broken.characteristics[8];
    legal.criteria = [{ ...broken.characteristics[0].criteria[0], key: "legal.basic.1", characteristicKey: legal.key }];
    expect(validateFramework(broken)).toEqual({
      ok: false,
      problems: ["characteristics[8]: an unrateable characteristic must not have criteria"],
    });
  });

  it("loadFramework throws one error listing every problem", () => {
    const broken = editableCopy();
    broken.key = "";
    broken.serviceCategories.push({ ...broken.serviceCategories[0] });
    expect(() => loadFramework(broken)).toThrowError(/key: empty[\s\S]*duplicate service category "education"/);
  });
});
