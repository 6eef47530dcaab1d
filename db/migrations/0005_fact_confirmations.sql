CREATE TABLE `fact_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fact_table` text NOT NULL,
	`fact_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fact_confirmations_fact_idx` ON `fact_confirmations` (`fact_table`,`fact_id`);--> statement-breakpoint
CREATE INDEX `fact_confirmations_source_idx` ON `fact_confirmations` (`source_id`);--> statement-breakpoint
ALTER TABLE `addresses` ADD `ended_by_source` integer;--> statement-breakpoint
ALTER TABLE `attestations` ADD `ended_by_source` integer;--> statement-breakpoint
ALTER TABLE `conditions` ADD `ended_by_source` integer;--> statement-breakpoint
ALTER TABLE `education_forms` ADD `ended_by_source` integer;--> statement-breakpoint
ALTER TABLE `flags` ADD `ended_by_source` integer;--> statement-breakpoint
ALTER TABLE `representatives` ADD `ended_by_source` integer;--> statement-breakpoint
ALTER TABLE `studies` ADD `ended_by_source` integer;