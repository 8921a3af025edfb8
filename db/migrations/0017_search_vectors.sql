-- Search (server/search/search-query.ts): a stored full-text vector per searchable row, kept by
-- PostgreSQL itself (generated columns: every write path, the erasure scrub included, updates it),
-- with a GIN index each. Replaces 0013's expression indexes, whose ts_rank and recheck recomputed
-- the vector for every match.
--
-- Chinese: PostgreSQL's parsers keep a run of Han characters as one token, so a word inside a run
-- could not be found. `search_segment` appends every run's overlapping character bigrams (and the
-- run's last character alone), and search-terms.ts asks for a Chinese word as a phrase of its
-- bigrams ('智慧' <-> '慧交' <-> '交通'): exact substring matching through the index, on PostgreSQL
-- and PGlite alike (bench/README.md "Search" compares it with jieba and pg_trgm).
CREATE OR REPLACE FUNCTION search_segment(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select coalesce(input, '') || coalesce(' ' || (
    select string_agg((select string_agg(substr(r.run, i, 2), ' ' order by i) from generate_series(1, char_length(r.run)) i), ' ')
    from (select (regexp_matches(input, '[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+', 'g'))[1] as run) r
  ), '')
$$;--> statement-breakpoint
-- The searchable text of an evidence revision besides its title (the kinds' free-text fields, see
-- server/evidence/evidence-schemas.ts): members may search it; the public only the title.
CREATE OR REPLACE FUNCTION search_evidence_body(payload jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- (|| rather than concat_ws, which is only STABLE: a generated column needs immutable parts)
  select coalesce(payload->>'description', '')
    || ' ' || coalesce(payload->>'answer', '')
    || ' ' || coalesce(payload->>'indicatorName', '')
    || ' ' || coalesce(payload->>'unit', '')
    || ' ' || coalesce(payload->>'standardReference', '')
    || ' ' || coalesce(payload->>'partnerOrganisation', '')
    || ' ' || coalesce(payload->>'modelDetail', '')
    || ' ' || coalesce(payload->>'servicesCovered', '')
    || ' ' || coalesce(payload->>'riskAllocation', '')
$$;--> statement-breakpoint
DROP INDEX IF EXISTS "search_cities_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_evidence_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_comments_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_consultations_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_feedback_tsv_idx";--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_segment("name" || ' ' || "country"))) STORED;--> statement-breakpoint
-- Weight A: the title (what the public city page shows); B: the rest (members only).
ALTER TABLE "evidence_revisions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, search_segment("title")), 'A')
    || setweight(to_tsvector('simple'::regconfig, search_segment(search_evidence_body("payload"))), 'B')
  ) STORED;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_segment("body"))) STORED;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_segment("question" || ' ' || "summary"))) STORED;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_segment("body" || ' ' || coalesce("suggestion", '')))) STORED;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cities_search_idx" ON "cities" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "evidence_revisions_search_idx" ON "evidence_revisions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "comments_search_idx" ON "comments" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "consultations_search_idx" ON "consultations" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "feedback_search_idx" ON "feedback" USING gin ("search_vector");
