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
  /** Letters and digits runs of the query, at most 8. */
  words: string[];
  /** `to_tsquery('simple', …)` text: every word as a prefix, all required. */
  tsquery: string;
  /** ILIKE patterns (Chinese queries only): every word must occur as a substring. */
  substrings: string[];
};

const HAN = /\p{Script=Han}/u;

export function searchTermsOf(query: string): SearchTerms {
  const words = (query.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  const tsquery = words.map((w) => `'${w.toLowerCase()}':*`).join(" & ");
  const substrings = HAN.test(query) ? words.map((w) => `%${w}%`) : [];
  return { words, tsquery, substrings };
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
