CREATE TABLE `budgets` (
	`initiative_id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`amount_yen` integer,
	`fiscal_year` integer,
	`text` text NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `budgets_amount_idx` ON `budgets` (`amount_yen`);--> statement-breakpoint
CREATE INDEX `budgets_plan_idx` ON `budgets` (`plan_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`department` text,
	`postal_code` text,
	`address` text,
	`phone` text,
	`fax` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `goals` (
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`plan_id`, `position`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`issue_id` text NOT NULL,
	`strategy_id` text NOT NULL,
	`position` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`number` text NOT NULL,
	`title` text,
	`points` text NOT NULL,
	`search_text` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `management_issues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `initiatives_plan_idx` ON `initiatives` (`plan_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `initiatives_strategy_idx` ON `initiatives` (`strategy_id`,`position`);--> statement-breakpoint
CREATE TABLE `management_issues` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text,
	`aim` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `management_issues_plan_idx` ON `management_issues` (`plan_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `missions` (
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`plan_id`, `position`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`code` text,
	`city` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`fiscal_year_label` text,
	`title` text,
	`is_draft` integer NOT NULL,
	`page_id` text,
	`updated_on` text,
	`source_url` text,
	`policy` text,
	`notes` text NOT NULL,
	`warnings` text NOT NULL,
	`source_file` text,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plans_organization_idx` ON `plans` (`organization_id`,`fiscal_year`);--> statement-breakpoint
CREATE INDEX `plans_fiscal_year_idx` ON `plans` (`fiscal_year`);--> statement-breakpoint
CREATE TABLE `reform_items` (
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`item` text,
	`content` text,
	PRIMARY KEY(`plan_id`, `position`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`issue_id` text,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`plan_id`, `position`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `management_issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `strategies` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`issue_id` text NOT NULL,
	`position` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`number` text NOT NULL,
	`title` text,
	`points` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `management_issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `strategies_plan_idx` ON `strategies` (`plan_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `strategies_issue_idx` ON `strategies` (`issue_id`,`position`);