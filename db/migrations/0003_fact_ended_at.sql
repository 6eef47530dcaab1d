ALTER TABLE `addresses` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `attestations` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `conditions` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `education_forms` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `flags` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `representatives` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `studies` ADD `ended_at` text;