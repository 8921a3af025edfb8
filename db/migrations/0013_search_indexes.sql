-- Search (server/search): full-text GIN indexes on the expressions server/search/search-query.ts matches.
-- The 'simple' configuration (no stemming, no stop words) serves English and Chinese alike; Chinese
-- queries are matched by substring (see docs/architecture.md "Search").
CREATE INDEX IF NOT EXISTS "search_cities_tsv_idx" ON "cities" USING gin (to_tsvector('simple', "name" || ' ' || "country"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_evidence_tsv_idx" ON "evidence" USING gin (to_tsvector('simple', "title"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_comments_tsv_idx" ON "comments" USING gin (to_tsvector('simple', "body"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_consultations_tsv_idx" ON "consultations" USING gin (to_tsvector('simple', "question" || ' ' || "summary"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_feedback_tsv_idx" ON "feedback" USING gin (to_tsvector('simple', "body" || ' ' || coalesce("suggestion", '')));
