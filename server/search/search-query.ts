import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { GuidingQuestion, Localized } from "@/server/scoring/framework-types";
import { commentCondition, evidenceCondition, memberEvidenceCondition, type SearchScope } from "./search-scope";
import { type SearchInput, type SearchKind, type SearchTerms, searchTermsOf, snippetOf } from "./search-terms";

export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: string;
  snippet: string;
  citySlug: string | null;
  cityName: string | null;
  href: string;
};

export type SearchResult = {
  query: string;
  items: SearchHit[];
  /** Matches per kind the searcher may see (framework matches included), at most `countCap`. */
  counts: Record<SearchKind, number>;
  /** A count equal to this means "this many or more". */
  countCap: number;
  nextCursor: number | null;
};

type Row = {
  kind: SearchKind;
  id: string;
  title: string;
  body: string;
  city_slug: string | null;
  city_name: string | null;
  ref1: string | null;
  ref2: string | null;
  member: boolean;
  total: number | string;
};

/**
 * Matches a text expression: the full-text index (prefix match of every word, 'simple' config, the
 * expression indexed by migration 0013) or, when the query has Chinese characters (which the
 * PostgreSQL parser does not segment), every word as a substring.
 */
function matches(expr: SQL, terms: SearchTerms): SQL {
  const fts = sql`to_tsvector('simple', ${expr}) @@ to_tsquery('simple', ${terms.tsquery})`;
  if (!terms.substrings.length) return fts;
  const likes = sql.join(
    terms.substrings.map((s) => sql`${expr} ilike ${s}`),
    sql` and `,
  );
  return sql`(${fts} or (${likes}))`;
}

function rankOf(expr: SQL, terms: SearchTerms): SQL {
  return sql`ts_rank(to_tsvector('simple', ${expr}), to_tsquery('simple', ${terms.tsquery}))`;
}

function kindQueries(scope: SearchScope, terms: SearchTerms, kinds: Set<SearchKind>): SQL[] {
  const parts: SQL[] = [];
  if (kinds.has("city")) {
    const expr = sql`(ci.name || ' ' || ci.country)`;
    parts.push(sql`select 'city' as kind, ci.id::text as id, ci.name as title, ci.country as body, ci.slug as city_slug,
      ci.name as city_name, null::text as ref1, null::text as ref2, false as member, ${rankOf(expr, terms)} as rank
      from cities ci where ${matches(expr, terms)}`);
  }
  if (kinds.has("evidence")) {
    const expr = sql`(e.title)`;
    parts.push(sql`select 'evidence' as kind, e.id::text as id, e.title as title, e.title as body, ci.slug as city_slug, ci.name as city_name,
      e.assessment_id::text as ref1, null::text as ref2, ${memberEvidenceCondition(scope, "e")} as member, ${rankOf(expr, terms)} as rank
      from evidence e join assessments a on a.id = e.assessment_id join cities ci on ci.id = e.city_id
      where ${matches(expr, terms)} and ${evidenceCondition(scope, "e", "a")}`);
  }
  if (kinds.has("comment")) {
    const expr = sql`(c.body)`;
    parts.push(sql`select 'comment' as kind, c.id::text as id, c.target_key as title, c.body as body, ci.slug as city_slug, ci.name as city_name,
      c.assessment_id::text as ref1, c.evidence_id::text as ref2, c.visibility = 'internal' as member, ${rankOf(expr, terms)} as rank
      from comments c join assessments a on a.id = c.assessment_id join cities ci on ci.id = c.city_id
      where ${matches(expr, terms)} and ${commentCondition(scope, "c", "a")}`);
  }
  if (kinds.has("consultation")) {
    const expr = sql`(k.question || ' ' || k.summary)`;
    parts.push(sql`select 'consultation' as kind, k.id::text as id, k.question as title, k.summary as body, ci.slug as city_slug,
      ci.name as city_name, k.assessment_id::text as ref1, null::text as ref2, false as member, ${rankOf(expr, terms)} as rank
      from consultations k join cities ci on ci.id = k.city_id where ${matches(expr, terms)}`);
  }
  if (kinds.has("feedback")) {
    const expr = sql`(f.body || ' ' || coalesce(f.suggestion, ''))`;
    parts.push(sql`select 'feedback' as kind, f.id::text as id, k.question as title, f.body || ' ' || coalesce(f.suggestion, '') as body,
      ci.slug as city_slug, ci.name as city_name, f.consultation_id::text as ref1, null::text as ref2, false as member,
      ${rankOf(expr, terms)} as rank
      from feedback f join consultations k on k.id = f.consultation_id join cities ci on ci.id = f.city_id
      where ${matches(expr, terms)} and f.moderation_state = 'ok'`);
  }
  return parts;
}

function hrefOf(row: Row): string {
  switch (row.kind) {
    case "city":
      return `/cities/${row.city_slug}`;
    case "evidence":
      return row.member ? `/workspace/evidence/${row.id}` : `/cities/${row.city_slug}`;
    case "comment":
      if (!row.member) return `/cities/${row.city_slug}`;
      return row.ref2 ? `/workspace/evidence/${row.ref2}` : `/workspace/${row.ref1}/${row.title}`;
    case "consultation":
      return `/consultations/${row.id}`;
    default:
      return `/consultations/${row.ref1}`;
  }
}

type FrameworkHit = { kind: "criterion"; id: string; text: Localized; characteristic: Localized };

/** Framework text (public reference data, en and zh): characteristics, criteria, guiding questions. */
function frameworkEntries(): FrameworkHit[] {
  const entries: FrameworkHit[] = [];
  const walk = (questions: GuidingQuestion[], characteristic: Localized) => {
    for (const q of questions) {
      entries.push({ kind: "criterion", id: q.key, text: q.text, characteristic });
      walk(q.subQuestions, characteristic);
    }
  };
  for (const ch of currentFramework().characteristics) {
    entries.push({ kind: "criterion", id: ch.key, text: ch.name, characteristic: ch.name });
    for (const c of ch.criteria) entries.push({ kind: "criterion", id: c.key, text: c.text, characteristic: ch.name });
    walk(ch.questions, ch.name);
  }
  return entries;
}

let frameworkCache: FrameworkHit[] | null = null;

function searchFramework(terms: SearchTerms, locale: "en" | "zh"): SearchHit[] {
  frameworkCache ??= frameworkEntries();
  const words = terms.words.map((w) => w.toLowerCase());
  return frameworkCache
    .filter((entry) => {
      const text = `${entry.text.en} ${entry.text.zh}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map((entry) => {
      const text = entry.text[locale].toLowerCase().includes(words[0]) ? entry.text[locale] : entry.text[locale === "en" ? "zh" : "en"];
      return {
        kind: "criterion" as const,
        id: entry.id,
        title: entry.characteristic[locale],
        snippet: snippetOf(text, terms.words),
        citySlug: null,
        cityName: null,
        href: `/benchmark`,
      };
    });
}

/** Matches counted per kind at most (the UI shows "100+"). */
const COUNT_CAP = 100;

const ALL_KINDS: SearchKind[] = ["city", "criterion", "evidence", "comment", "consultation", "feedback"];

/** One search over everything the scope may see: permission conditions are part of the SQL. */
export async function runSearch(db: DbOrTx, scope: SearchScope, input: SearchInput, locale: "en" | "zh" = "en"): Promise<SearchResult> {
  const terms = searchTermsOf(input.q);
  const kinds = new Set<SearchKind>(input.kinds?.length ? input.kinds : ALL_KINDS);
  const counts = Object.fromEntries(ALL_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
  const offset = input.cursor ?? 0;
  const cap = Math.max(COUNT_CAP, offset + input.limit + 1);
  const framework = kinds.has("criterion") && terms.words.length ? searchFramework(terms, locale) : [];
  counts.criterion = framework.length;
  const parts = terms.words.length ? kindQueries(scope, terms, kinds) : [];
  let rows: Row[] = [];
  if (parts.length) {
    // Each kind stops after `cap` visible matches (ranking and counting every match of a common word
    // cost hundreds of milliseconds at city scale); counts at the cap are reported as "cap or more".
    const union = sql.join(
      parts.map((part) => sql`(${part} limit ${cap})`),
      sql` union all `,
    );
    const result = await db.execute(sql`select h.*, count(*) over (partition by h.kind) as total
      from (${union}) h order by h.rank desc, h.kind, h.id limit ${offset + input.limit + 1}`);
    rows = (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
  }
  for (const row of rows) counts[row.kind] = Number(row.total);
  const all: SearchHit[] = [
    ...framework,
    ...rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      title: row.kind === "comment" || row.kind === "feedback" ? (row.city_name ?? "") : row.title,
      snippet: snippetOf(row.body, terms.words),
      citySlug: row.city_slug,
      cityName: row.city_name,
      href: hrefOf(row),
    })),
  ];
  const items = all.slice(offset, offset + input.limit);
  return { query: input.q, items, counts, countCap: cap, nextCursor: offset + input.limit < all.length ? offset + input.limit : null };
}
