import { z } from "zod";
import { text } from "@/server/validation/text-schemas";

// Shared by the router and the search box: no server-only imports here.

export const SEARCH_KINDS = ["city", "criterion", "evidence", "comment", "consultation", "feedback"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_MAX_LENGTH = 200;

export const searchInputSchema = z.object({
  q: text()
    .trim()
    .min(1, { message: "Type something to search for." })
    .max(SEARCH_MAX_LENGTH, { message: `A search is at most ${SEARCH_MAX_LENGTH} characters.` }),
  kinds: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).optional(),
  cursor: z.number().int().min(0).max(1000).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.output<typeof searchInputSchema>;

export type SearchTerms = {
  /** Letters and digits runs of the query, at most 8 (what snippets and the framework match look for). */
  words: string[];
  /** `to_tsquery('simple', …)` text over a whole row: every word required (see `tsqueryOf`). */
  tsquery: string;
  /** The same, restricted to weight A: an evidence title, the only evidence text the public may search. */
  titleTsquery: string;
};

// The CJK ideograph blocks migration 0017's `search_segment` splits into bigrams: keep the two equal.
const HAN_RUN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|[^\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+/gu;
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/u;

/**
 * One tsquery operand per piece of a word. A Latin piece is a prefix (`'smart':*`). A Chinese piece
 * is a phrase of its character bigrams (`'智慧' <-> '慧交' <-> '交通'`), matching exactly where the
 * text has it as a substring: the indexed text carries every run's bigrams (migration 0017
 * `search_segment`). A single character is a prefix of the bigram it starts (or the run's last
 * character, indexed alone).
 */
function operandsOf(word: string, weights: string): string[] {
  return (word.toLowerCase().match(HAN_RUN) ?? []).map((piece) => {
    if (!HAN.test(piece)) return `'${piece}':*${weights}`;
    const chars = [...piece];
    if (chars.length === 1) return `'${piece}':*${weights}`;
    const bigrams = chars.slice(0, -1).map((c, i) => `'${c}${chars[i + 1]}'${weights ? `:${weights}` : ""}`);
    return bigrams.length === 1 ? bigrams[0] : `(${bigrams.join(" <-> ")})`;
  });
}

/** Has the text Chinese characters (the ones indexed as bigrams)? */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

function tsqueryOf(words: string[], weights: string): string {
  return words.flatMap((w) => operandsOf(w, weights)).join(" & ");
}

export function searchTermsOf(query: string): SearchTerms {
  const words = (query.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  return { words, tsquery: tsqueryOf(words, ""), titleTsquery: tsqueryOf(words, "A") };
}

const SNIPPET_RADIUS = 70;

/** A short excerpt around the first word found (the text is of a row the searcher may see). */
export function snippetOf(body: string, words: string[]): string {
  const flat = body.replace(/\s+/g, " ").trim();
  const lower = flat.toLowerCase();
  const at = words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0);
  const first = at.length ? Math.min(...at) : 0;
  const start = Math.max(0, first - SNIPPET_RADIUS);
  const end = Math.min(flat.length, first + SNIPPET_RADIUS * 2);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}
