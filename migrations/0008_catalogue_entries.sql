CREATE TABLE `catalogue_entries` (
	`url` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`organization_id` text NOT NULL,
	`organization_name` text,
	`city` text,
	`fiscal_year` integer NOT NULL,
	`is_draft` integer NOT NULL,
	`plan_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalogue_entries_plan_idx` ON `catalogue_entries` (`plan_id`);--> statement-breakpoint
CREATE INDEX `catalogue_entries_organization_idx` ON `catalogue_entries` (`organization_id`,`fiscal_year`);