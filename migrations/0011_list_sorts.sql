DROP INDEX `catalogue_entries_organization_idx`;--> statement-breakpoint
CREATE INDEX `catalogue_entries_year_idx` ON `catalogue_entries` (`fiscal_year`,`organization_id`,`url`);--> statement-breakpoint
CREATE INDEX `catalogue_entries_organization_idx` ON `catalogue_entries` (`organization_id`,`fiscal_year`,`url`);--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `organizations_kind_idx` ON `organizations` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `organizations_kind_name_idx` ON `organizations` (`kind`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `plans_organization_year_idx` ON `plans` (`organization_id`,`fiscal_year`,`id`);--> statement-breakpoint
CREATE INDEX `plans_year_organization_idx` ON `plans` (`fiscal_year`,`organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `plans_completeness_organization_idx` ON `plans` (`completeness`,`organization_id`,`fiscal_year`,`id`);--> statement-breakpoint
CREATE INDEX `plans_completeness_year_idx` ON `plans` (`completeness`,`fiscal_year`,`organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `plans_draft_idx` ON `plans` (`is_draft`,`id`);--> statement-breakpoint
CREATE INDEX `plans_draft_organization_idx` ON `plans` (`is_draft`,`organization_id`,`fiscal_year`,`id`);--> statement-breakpoint
CREATE INDEX `plans_draft_year_idx` ON `plans` (`is_draft`,`fiscal_year`,`organization_id`,`id`);