CREATE TABLE `content_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL
);
--> statement-breakpoint
-- One row; a fresh token on every write to the data's roots. Child rows only change with their plan
-- (an import replaces the plan row, a delete cascades from it).
INSERT INTO `content_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8))));
--> statement-breakpoint
CREATE TRIGGER `plans_insert_content_version` AFTER INSERT ON `plans` BEGIN UPDATE `content_version` SET `version` = lower(hex(randomblob(8))) WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plans_update_content_version` AFTER UPDATE ON `plans` BEGIN UPDATE `content_version` SET `version` = lower(hex(randomblob(8))) WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plans_delete_content_version` AFTER DELETE ON `plans` BEGIN UPDATE `content_version` SET `version` = lower(hex(randomblob(8))) WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_insert_content_version` AFTER INSERT ON `organizations` BEGIN UPDATE `content_version` SET `version` = lower(hex(randomblob(8))) WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_update_content_version` AFTER UPDATE ON `organizations` BEGIN UPDATE `content_version` SET `version` = lower(hex(randomblob(8))) WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_delete_content_version` AFTER DELETE ON `organizations` BEGIN UPDATE `content_version` SET `version` = lower(hex(randomblob(8))) WHERE `id` = 1; END;
