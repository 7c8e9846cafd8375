CREATE TABLE `issue_budgets` (
	`issue_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_yen` integer,
	`fiscal_year` integer,
	`text` text NOT NULL,
	PRIMARY KEY(`issue_id`, `position`),
	FOREIGN KEY (`issue_id`) REFERENCES `management_issues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_budgets_plan_idx` ON `issue_budgets` (`plan_id`);