DROP INDEX `initiatives_plan_idx`;--> statement-breakpoint
DROP INDEX `initiatives_organization_idx`;--> statement-breakpoint
DROP INDEX `initiatives_fiscal_year_idx`;--> statement-breakpoint
DROP INDEX `initiatives_issue_idx`;--> statement-breakpoint
DROP INDEX `initiatives_strategy_idx`;--> statement-breakpoint
DROP INDEX `initiatives_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_plan_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_organization_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_fiscal_year_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_issue_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_strategy_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_budget_desc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_plan_budget_desc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_organization_budget_desc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_fiscal_year_budget_desc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_issue_budget_desc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_strategy_budget_desc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_unbudgeted_idx`;--> statement-breakpoint
DROP INDEX `initiatives_unbudgeted_budget_asc_idx`;--> statement-breakpoint
DROP INDEX `initiatives_unbudgeted_budget_desc_idx`;--> statement-breakpoint
CREATE INDEX `initiatives_plan_idx` ON `initiatives` (`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_organization_idx` ON `initiatives` (`organization_id`,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_fiscal_year_idx` ON `initiatives` (`fiscal_year`,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_issue_idx` ON `initiatives` (`issue_id`,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_strategy_idx` ON `initiatives` (`strategy_id`,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_budget_asc_idx` ON `initiatives` (coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_plan_budget_asc_idx` ON `initiatives` (`plan_id`,coalesce(`budget_yen`, 9007199254740991),`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_organization_budget_asc_idx` ON `initiatives` (`organization_id`,coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_fiscal_year_budget_asc_idx` ON `initiatives` (`fiscal_year`,coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_issue_budget_asc_idx` ON `initiatives` (`issue_id`,coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_strategy_budget_asc_idx` ON `initiatives` (`strategy_id`,coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_budget_desc_idx` ON `initiatives` (coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_plan_budget_desc_idx` ON `initiatives` (`plan_id`,coalesce(`budget_yen`, -1) DESC,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_organization_budget_desc_idx` ON `initiatives` (`organization_id`,coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_fiscal_year_budget_desc_idx` ON `initiatives` (`fiscal_year`,coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_issue_budget_desc_idx` ON `initiatives` (`issue_id`,coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_strategy_budget_desc_idx` ON `initiatives` (`strategy_id`,coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`,`budget_yen`);--> statement-breakpoint
CREATE INDEX `initiatives_unbudgeted_idx` ON `initiatives` (`plan_id`,`ordinal`,`budget_yen`) WHERE `budget_yen` IS NULL;--> statement-breakpoint
CREATE INDEX `initiatives_unbudgeted_budget_asc_idx` ON `initiatives` (coalesce(`budget_yen`, 9007199254740991),`plan_id`,`ordinal`,`budget_yen`) WHERE `budget_yen` IS NULL;--> statement-breakpoint
CREATE INDEX `initiatives_unbudgeted_budget_desc_idx` ON `initiatives` (coalesce(`budget_yen`, -1) DESC,`plan_id`,`ordinal`,`budget_yen`) WHERE `budget_yen` IS NULL;