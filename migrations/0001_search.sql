-- Full-text search over every text of every plan (drizzle-kit cannot model
-- FTS5 tables, so this migration is written by hand).
-- title_grams / body_grams hold the NFKC, lower-cased text as space-separated
-- character bigrams plus the last character of each run (see
-- src/db/search-grams.ts): Japanese has no spaces, and 2-character words
-- (防災, 予算) must match, which FTS5's trigram tokenizer cannot do.
CREATE VIRTUAL TABLE `search_entries` USING fts5(
	`title_grams`,
	`body_grams`,
	`kind` UNINDEXED,
	`entity_id` UNINDEXED,
	`plan_id` UNINDEXED,
	`organization_id` UNINDEXED,
	`fiscal_year` UNINDEXED,
	`title` UNINDEXED,
	`body` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 0'
);
