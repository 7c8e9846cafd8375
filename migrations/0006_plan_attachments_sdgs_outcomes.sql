ALTER TABLE `management_issues` ADD `sub_number` integer;--> statement-breakpoint
ALTER TABLE `management_issues` ADD `sdgs` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `management_issues` ADD `outcome_indicators` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `attachments` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `strategies` ADD `sdgs` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `strategies` ADD `outcome_indicators` text DEFAULT '[]' NOT NULL;