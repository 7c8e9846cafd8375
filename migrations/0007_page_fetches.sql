CREATE TABLE `page_fetches` (
	`url` text PRIMARY KEY NOT NULL,
	`etag` text,
	`last_modified` text,
	`content_sha256` text NOT NULL,
	`plan_id` text NOT NULL,
	`status` text NOT NULL,
	`fetched_at` text NOT NULL,
	`changed_at` text NOT NULL
);
