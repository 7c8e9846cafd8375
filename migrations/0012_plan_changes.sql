CREATE TABLE `plan_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`title` text
);
--> statement-breakpoint
ALTER TABLE `plans` ADD `updated_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `content_sha256` text;--> statement-breakpoint
CREATE INDEX `plans_updated_at_idx` ON `plans` (`updated_at`,`id`);--> statement-breakpoint
-- Plans imported before changes were kept: their last change is their import, recorded as their addition.
UPDATE `plans` SET `updated_at` = `imported_at`;
--> statement-breakpoint
INSERT INTO `plan_events` (`plan_id`, `kind`, `at`, `title`) SELECT `id`, 'added', `imported_at`, `title` FROM `plans` ORDER BY `imported_at`, `id`;
