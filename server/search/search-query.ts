import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { localizedCityNames, slugsMatchingChineseName } from "@/server/public/city-names";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { GuidingQuestion, Localized } from "@/server/scoring/framework-types";
import { commentCondition, memberEvidenceCondition, type SearchScope } from "./search-scope";
import { hasHan, type SearchInput, type SearchKind, type SearchTerms, searchTermsOf, snippetOf } from "./search-terms";

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
  city_country: string | null;
  ref1: string | null;
  ref2: string | null;
  member: boolean;
  total: number | string;
};

/** The query over whole rows, and over evidence titles only (weight A: what the public may search). */
type Queries = { all: SQL; title: SQL };

function queriesOf(terms: SearchTerms): Queries {
  return { all: sql`to_tsquery('simple', ${terms.tsquery})`, title: sql`to_tsquery('simple', ${terms.titleTsquery})` };
}

/**
 * One SELECT per kind over the stored `search_vector` columns (migration 0017, GIN-indexed), with the
 * searcher's permissions in its WHERE. Every part has the same columns; `body` is the text the
 * snippet is cut from, and only ever text the searcher may read.
 */
function kindQueries(scope: SearchScope, terms: SearchTerms, kinds: Set<SearchKind>): SQL[] {
  const q = queriesOf(terms);
  const parts: SQL[] = [];
  if (kinds.has("city")) {
    // The pilot cities' Chinese names live in the reference data, not in the table.
    const zhSlugs = hasHan(terms.tsquery) ? slugsMatchingChineseName(terms.words.join("")) : [];
    const byChineseName = zhSlugs.length
      ? sql` or ci.slug in (${sql.join(
          zhSlugs.map((slug) => sql`${slug}`),
          sql`, `,
        )})`
      : sql``;
    parts.push(sql`select 'city' as kind, ci.id::text as id, ci.name as title, ci.country as body, ci.slug as city_slug,
      ci.name as city_name, ci.country as city_country, null::text as ref1, null::text as ref2, false as member,
      ts_rank(ci.search_vector, ${q.all}) as rank
      from cities ci where ci.search_vector @@ ${q.all}${byChineseName}`);
  }
  if (kinds.has("evidence")) {
    const member = memberEvidenceCondition(scope, "e");
    // Members search and see the whole current revision; everyone else only the title of accepted
    // evidence in a published assessment (what the public city page shows).
    parts.push(sql`select 'evidence' as kind, e.id::text as id, e.title as title,
      case when ${member} then e.title || ' ' || search_evidence_body(er.payload) else e.title end as body,
      ci.slug as city_slug, ci.name as city_name, ci.country as city_country, e.assessment_id::text as ref1, null::text as ref2,
      ${member} as member, ts_rank(er.search_vector, ${q.all}) as rank
      from evidence_revisions er
      join evidence e on e.id = er.evidence_id and e.current_revision = er.revision
      join assessments a on a.id = e.assessment_id join cities ci on ci.id = e.city_id
      where er.search_vector @@ ${q.all}
        and (${member} or (a.status = 'published' and e.status = 'accepted' and er.search_vector @@ ${q.title}))`);
  }
  if (kinds.has("comment")) {
    parts.push(sql`select 'comment' as kind, c.id::text as id, c.target_key as title, c.body as body, ci.slug as city_slug,
      ci.name as city_name, ci.country as city_country, c.assessment_id::text as ref1, c.evidence_id::text as ref2,
      c.visibility = 'internal' as member, ts_rank(c.search_vector, ${q.all}) as rank
      from comments c join assessments a on a.id = c.assessment_id join cities ci on ci.id = c.city_id
      where c.search_vector @@ ${q.all} and ${commentCondition(scope, "c", "a")}`);
  }
  if (kinds.has("consultation")) {
    parts.push(sql`select 'consultation' as kind, k.id::text as id, k.question as title, k.summary as body, ci.slug as city_slug,
      ci.name as city_name, ci.country as city_country, k.assessment_id::text as ref1, null::text as ref2, false as member,
      ts_rank(k.search_vector, ${q.all}) as rank
      from consultations k join cities ci on ci.id = k.city_id where k.search_vector @@ ${q.all}`);
  }
  if (kinds.has("feedback")) {
    parts.push(sql`select 'feedback' as kind, f.id::text as id, k.question as title, f.body || ' ' || coalesce(f.suggestion, '') as body,
      ci.slug as city_slug, ci.name as city_name, ci.country as city_country, f.consultation_id::text as ref1, null::text as ref2,
      false as member, ts_rank(f.search_vector, ${q.all}) as rank
      from feedback f join consultations k on k.id = f.consultation_id join cities ci on ci.id = f.city_id
      where f.search_vector @@ ${q.all} and f.moderation_state = 'ok'`);
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
    ...rows.map((row) => {
      const city =
        row.city_slug && row.city_name
          ? localizedCityNames({ slug: row.city_slug, name: row.city_name, country: row.city_country ?? "" }, locale)
          : null;
      const cityName = city?.localizedName ?? row.city_name;
      return {
        kind: row.kind,
        id: row.id,
        title: row.kind === "city" || row.kind === "comment" || row.kind === "feedback" ? (cityName ?? "") : row.title,
        snippet: row.kind === "city" ? (city?.localizedCountry ?? row.body) : snippetOf(row.body, terms.words),
        citySlug: row.city_slug,
        cityName,
        href: hrefOf(row),
      };
    }),
  ];
  const items = all.slice(offset, offset + input.limit);
  return { query: input.q, items, counts, countCap: cap, nextCursor: offset + input.limit < all.length ? offset + input.limit : null };
}
