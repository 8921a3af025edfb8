import type { Framework, Locale } from "@/server/scoring/framework-types";
import type { CriteriaLevel } from "@/server/scoring/levels";

/**
 * What a criterion chip on an evidence item shows: which criterion it is, not only its rung. The
 * level and position ("Basic 1") stay for ordering and screen readers, `shortText` names the
 * criterion in the reader's language, and `text` is the full wording (for a tooltip or the
 * accessible name). No server-only imports: server pages and client components may both use it.
 */
export type CriterionChip = {
  key: string;
  level: CriteriaLevel;
  /** 1-based position within its level, as in the key (`funding.basic.2` → 2). */
  position: number;
  text: string;
  shortText: string;
};

/** Latin text is cut at a word boundary near this many characters; Chinese at fewer characters. */
const SHORT_LATIN = 48;
const SHORT_CJK = 16;

/** The criterion's wording shortened to a chip: the first clause, cut at a word boundary, with an ellipsis. */
export function shortCriterionText(text: string, lang: Locale): string {
  const clean = text.trim().replace(/\s+/g, " ");
  const max = lang === "zh" ? SHORT_CJK : SHORT_LATIN;
  if (clean.length <= max) return clean;
  const clause = clean.split(/[;:，；：（(]/)[0].trim();
  if (clause.length <= max && clause.length >= max / 3) return `${clause}…`;
  if (lang === "zh") return `${clean.slice(0, max)}…`;
  const cut = clean.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : clean.slice(0, max)).replace(/[\s,.;:–-]+$/, "")}…`;
}

/** Chip data for every criterion of the framework, by criterion key. */
export function criterionChips(framework: Framework, lang: Locale): Record<string, CriterionChip> {
  const chips: Record<string, CriterionChip> = {};
  for (const characteristic of framework.characteristics) {
    for (const c of characteristic.criteria) {
      const text = c.text[lang];
      chips[c.key] = {
        key: c.key,
        level: c.level,
        position: Number(c.key.split(".").pop()),
        text,
        shortText: shortCriterionText(text, lang),
      };
    }
  }
  return chips;
}
