-- Copies of the budget amount, organization and fiscal year on each
-- initiative, so budget filters, sorts and totals read one table through
-- its indexes. Written by drizzle-kit, then edited by hand: NOT NULL columns
-- need a default on a table with rows, the rows are filled in from their
-- plans and budgets, and drizzle-kit cannot write expression indexes.
ALTER TABLE `initiatives` ADD `budget_yen` integer;--> statement-breakpoint
ALTER TABLE `initiatives` ADD `organization_id` text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE `initiatives` ADD `fiscal_year` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `initiatives` SET
	`budget_yen` = (SELECT `amount_yen` FROM `budgets` WHERE `budgets`.`initiative_id` = `initiatives`.`id`),
	`organization_id` = (SELECT `organization_id` FROM `plans` WHERE `plans`.`id` = `initiatives`.`plan_id`),
	`fiscal_year` = (SELECT `fiscal_year` FROM `plans` WHERE `plans`.`id` = `initiatives`.`plan_id`);--> statement-breakpoint
CREATE INDEX `initiatives_budget_asc_idx` ON `initiatives` (coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `initiatives_budget_desc_idx` ON `initiatives` (coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `initiatives_organization_budget_idx` ON `initiatives` (`organization_id`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_fiscal_year_budget_idx` ON `initiatives` (`fiscal_year`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_issue_budget_idx` ON `initiatives` (`issue_id`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_strategy_budget_idx` ON `initiatives` (`strategy_id`,`budget_yen`);
